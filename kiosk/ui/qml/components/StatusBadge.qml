import QtQuick

// A status in colour and in words; the word is always there, so colour is never alone.
Rectangle {
    id: badge

    property string text
    property string tone: "unknown"
    readonly property color toneColor: tone === "done" ? Theme.done
                                     : tone === "waiting" ? Theme.waiting
                                     : tone === "error" ? Theme.error : Theme.unknown

    implicitWidth: label.implicitWidth + Theme.gap * 1.2
    implicitHeight: label.implicitHeight + Theme.gap * 0.5
    radius: height / 2
    color: toneColor

    Text {
        id: label
        anchors.centerIn: parent
        text: badge.text
        color: Theme.brandText
        font.pixelSize: Theme.bodySize
        font.bold: true
    }
}
