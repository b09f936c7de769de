pragma Singleton
import QtQuick

// Sizes come from the window's shorter side (1 unit = 1 px at 1080), never fixed pixels.
QtObject {
    property real shortSide: 1080
    property bool largeText: false

    readonly property real unit: shortSide / 1080
    readonly property real textScale: largeText ? 1.3 : 1.0

    readonly property real touch: 100 * unit * (largeText ? 1.15 : 1.0)
    // The smallest a target may get where room is short (UI.md: ≥ 90 px at 1080).
    readonly property real minTouch: 90 * unit
    readonly property real gap: 20 * unit
    // Between two touch targets side by side: keys, chips, rows of a list (UI.md: ≥ 16 px).
    readonly property real targetGap: 20 * unit
    readonly property real margin: 32 * unit
    readonly property real radius: 18 * unit

    readonly property real bodySize: 28 * unit * textScale
    readonly property real smallSize: 24 * unit * textScale
    readonly property real buttonSize: 34 * unit * textScale
    readonly property real titleSize: 44 * unit * textScale
    // The least a title may shrink to where its line is short of room (UI.md: titles ≥ 40 px).
    readonly property real minTitleSize: 40 * unit
    readonly property real displaySize: 72 * unit * textScale
    readonly property real boardSize: 108 * unit * textScale

    // Text colours keep at least 7:1 against the surfaces they sit on (checked by a test).
    readonly property color brand: "#A31919"
    readonly property color brandPressed: "#7A1212"
    readonly property color brandText: "#FFFFFF"
    readonly property color background: "#FFF8F2"
    readonly property color surface: "#FFFFFF"
    readonly property color surfacePressed: "#F1E4DA"
    readonly property color line: "#D9C7B8"
    readonly property color text: "#1F1F1F"
    readonly property color muted: "#4A4540"
    readonly property color done: "#1B5E20"
    readonly property color waiting: "#6D4300"
    readonly property color error: "#961010"
    readonly property color errorSurface: "#FDECEA"
    readonly property color selected: "#FCE4E4"
    readonly property color unknown: "#4F4F4F"
}
