import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// A home-screen tile: icon, a two- to four-character title, one line of help. The icon above
// the words where the tile is tall enough for all three; where it is not (large text, many
// tiles) a smaller icon beside the title and the help under both, so nothing spills out.
AbstractButton {
    id: tile

    property string iconName
    property string help
    property bool primary: true

    readonly property real inset: Theme.gap
    readonly property real stackedIcon: Theme.touch * 1.4
    // What the icon-above layout needs: icon, title, help wrapped to the tile's width.
    readonly property real stackedHeight: stackedIcon + stackedTitle.height
        + helpLines(width - 2 * inset) * helpMetrics.height + 2 * Theme.gap * 0.6 + 2 * inset
    readonly property bool stacked: height >= stackedHeight

    function helpLines(room) {
        if (help === "" || room <= 0)
            return 0
        return Math.ceil(helpMetrics.advanceWidth(help) / room)
    }

    focusPolicy: Qt.NoFocus
    implicitHeight: Theme.touch * 3
    implicitWidth: Theme.touch * 4

    FontMetrics {
        id: stackedTitle
        font.pixelSize: Theme.titleSize * 1.3
        font.bold: true
    }
    FontMetrics {
        id: helpMetrics
        font.pixelSize: Theme.bodySize
    }

    background: Rectangle {
        radius: Theme.radius * 1.4
        color: tile.primary ? (tile.down ? Theme.brandPressed : Theme.brand)
                            : (tile.down ? Theme.surfacePressed : Theme.surface)
        border.width: tile.primary ? 0 : Math.max(2, 3 * Theme.unit)
        border.color: Theme.line
    }

    contentItem: Item {
        GridLayout {
            anchors.centerIn: parent
            width: parent.width - 2 * tile.inset
            columns: tile.stacked ? 1 : 2
            columnSpacing: Theme.gap
            rowSpacing: tile.stacked ? Theme.gap * 0.6 : Theme.gap * 0.3

            AppIcon {
                readonly property real side: tile.stacked ? tile.stackedIcon : Theme.titleSize * 1.5
                name: tile.iconName
                tint: tile.primary ? Theme.brandText : Theme.brand
                Layout.alignment: tile.stacked ? Qt.AlignHCenter : Qt.AlignVCenter
                Layout.preferredWidth: side
                Layout.preferredHeight: side
            }
            Text {
                text: tile.text
                color: tile.primary ? Theme.brandText : Theme.text
                font.pixelSize: tile.stacked ? stackedTitle.font.pixelSize : Theme.titleSize
                font.bold: true
                wrapMode: Text.WordWrap
                horizontalAlignment: tile.stacked ? Text.AlignHCenter : Text.AlignLeft
                Layout.fillWidth: true
            }
            Text {
                text: tile.help
                color: tile.primary ? Theme.brandText : Theme.muted
                font: helpMetrics.font
                wrapMode: Text.WordWrap
                horizontalAlignment: tile.stacked ? Text.AlignHCenter : Text.AlignLeft
                Layout.columnSpan: tile.stacked ? 1 : 2
                Layout.fillWidth: true
            }
        }
    }
}
