import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A home-screen tile: icon, a two- to four-character title, one line of help.
AbstractButton {
    id: tile

    property string iconName
    property string help
    property bool primary: true

    focusPolicy: Qt.NoFocus
    implicitHeight: Theme.touch * 3
    implicitWidth: Theme.touch * 4

    background: Rectangle {
        radius: Theme.radius * 1.4
        color: tile.primary ? (tile.down ? Theme.brandPressed : Theme.brand)
                            : (tile.down ? Theme.surfacePressed : Theme.surface)
        border.width: tile.primary ? 0 : Math.max(2, 3 * Theme.unit)
        border.color: Theme.line
    }

    contentItem: Item {
        ColumnLayout {
            anchors.centerIn: parent
            width: parent.width
            spacing: Theme.gap * 0.6

            AppIcon {
                name: tile.iconName
                tint: tile.primary ? Theme.brandText : Theme.brand
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Theme.touch * 1.4
                Layout.preferredHeight: Theme.touch * 1.4
            }
            Text {
                text: tile.text
                color: tile.primary ? Theme.brandText : Theme.text
                font.pixelSize: Theme.titleSize * 1.3
                font.bold: true
                Layout.alignment: Qt.AlignHCenter
            }
            Text {
                text: tile.help
                color: tile.primary ? Theme.brandText : Theme.muted
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
                Layout.leftMargin: Theme.gap
                Layout.rightMargin: Theme.gap
            }
        }
    }
}
