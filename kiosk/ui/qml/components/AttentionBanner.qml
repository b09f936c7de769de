import QtQuick
import QtQuick.Layouts

// An interrupting attention item (kiosk.ui.attention): icon, title and one line, with a large
// button to say it was seen. Amber with a word and an icon, never colour alone.
Rectangle {
    id: banner

    property var item: ({})
    signal dismissed(string key)

    implicitHeight: Math.max(Theme.touch * 1.6, column.implicitHeight + Theme.gap * 2)
    height: implicitHeight
    color: Theme.surface
    border.color: Theme.waiting
    border.width: Math.max(4, 6 * Theme.unit)

    RowLayout {
        anchors.fill: parent
        anchors.margins: Theme.gap
        spacing: Theme.gap

        AppIcon {
            name: banner.item.icon || "speakerphone"
            tint: Theme.waiting
            Layout.preferredWidth: Theme.touch * 0.8
            Layout.preferredHeight: Theme.touch * 0.8
        }
        ColumnLayout {
            id: column
            spacing: Theme.gap * 0.3
            Layout.fillWidth: true
            Text {
                objectName: "attentionTitle"
                text: banner.item.title || ""
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Text {
                text: banner.item.body || ""
                visible: text !== ""
                color: Theme.text
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        BigButton {
            objectName: "attentionSeen"
            text: qsTr("Seen it")
            primary: false
            onClicked: banner.dismissed(banner.item.key)
        }
    }
}
