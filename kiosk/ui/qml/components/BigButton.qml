import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A large button whose colour changes the moment it is pressed, not when it is released.
AbstractButton {
    id: control

    property string iconName
    property bool primary: true
    property color baseColor: primary ? Theme.brand : Theme.surface
    property color pressedColor: primary ? Theme.brandPressed : Theme.surfacePressed
    property color labelColor: primary ? Theme.brandText : Theme.text
    property real labelSize: Theme.buttonSize

    implicitHeight: Theme.touch
    implicitWidth: Math.max(Theme.touch * 2.4, row.implicitWidth + 2 * Theme.margin)
    opacity: enabled ? 1 : 0.5
    focusPolicy: Qt.NoFocus

    background: Rectangle {
        radius: Theme.radius
        color: control.down ? control.pressedColor : control.baseColor
        border.width: control.primary ? 0 : Math.max(2, 3 * Theme.unit)
        border.color: Theme.line
    }

    contentItem: Item {
        RowLayout {
            id: row
            anchors.centerIn: parent
            spacing: Theme.gap * 0.6

            AppIcon {
                visible: control.iconName !== ""
                name: control.iconName
                tint: control.labelColor
                Layout.preferredWidth: control.labelSize * 1.3
                Layout.preferredHeight: control.labelSize * 1.3
            }
            Text {
                text: control.text
                color: control.labelColor
                font.pixelSize: control.labelSize
                font.bold: true
            }
        }
    }
}
