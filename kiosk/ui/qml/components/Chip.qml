import QtQuick
import QtQuick.Controls.Basic

// A smaller choice (a platform); still a full touch target.
AbstractButton {
    id: chip

    property bool selected: false

    focusPolicy: Qt.NoFocus
    implicitHeight: Theme.touch
    implicitWidth: Math.max(Theme.touch * 1.8, label.implicitWidth + 2 * Theme.margin)

    background: Rectangle {
        radius: height / 2
        color: chip.down ? Theme.surfacePressed : (chip.selected ? Theme.brand : Theme.surface)
        border.width: chip.selected ? 0 : Math.max(2, 3 * Theme.unit)
        border.color: Theme.line
    }
    contentItem: Text {
        id: label
        text: (chip.selected ? "✓ " : "") + chip.text
        color: chip.selected ? Theme.brandText : Theme.text
        font.pixelSize: Theme.buttonSize * 0.9
        font.bold: chip.selected
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
}
