import QtQuick
import QtQuick.Layouts

// What went wrong and what to do, in one sentence, with an icon as well as colour.
Rectangle {
    id: banner

    property string message

    visible: message !== ""
    implicitHeight: visible ? Math.max(Theme.touch * 0.9, label.implicitHeight + Theme.gap * 1.5) : 0
    radius: Theme.radius
    color: Theme.errorSurface
    border.color: Theme.error
    border.width: Math.max(2, 3 * Theme.unit)

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        spacing: Theme.gap * 0.6
        AppIcon {
            name: "alert-triangle"
            tint: Theme.error
            Layout.preferredWidth: Theme.bodySize * 1.5
            Layout.preferredHeight: Theme.bodySize * 1.5
        }
        Text {
            id: label
            objectName: "errorText"
            text: banner.message
            color: Theme.error
            font.pixelSize: Theme.bodySize
            font.bold: true
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
    }
}
