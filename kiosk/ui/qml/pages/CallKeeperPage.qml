import QtQuick
import QtQuick.Layouts
import "../components"

// Shown after errors that keep coming back: the kiosk stays up and says who can help.
Rectangle {
    id: page

    required property QtObject kiosk

    color: Theme.background

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: Theme.gap * 1.5

        AppIcon {
            name: "alert-triangle"
            tint: Theme.waiting
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Theme.touch * 2
            Layout.preferredHeight: Theme.touch * 2
        }
        Text {
            objectName: "callKeeperTitle"
            text: qsTr("Please call the station keeper")
            color: Theme.text
            font.pixelSize: Theme.titleSize * 1.3
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Text {
            text: qsTr("This screen has a problem. Everything saved so far is safe.")
            color: Theme.text
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        BigButton {
            objectName: "tryAgainButton"
            text: qsTr("Try again")
            iconName: "refresh"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Theme.touch * 5
            onClicked: page.kiosk.goHome()
        }
    }
}
