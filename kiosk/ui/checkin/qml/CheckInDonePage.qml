import QtQuick
import QtQuick.Layouts
import "../../qml/components"

PageFrame {
    id: page

    readonly property QtObject checkIn: kiosk.vm.checkIn

    title: qsTr("Checked in")
    actionText: qsTr("Back to home (%1 s)").arg(checkIn.returnSeconds)
    actionIcon: "home"
    onActionClicked: checkIn.finish()

    ColumnLayout {
        anchors.centerIn: parent
        width: parent.width
        spacing: Theme.gap * 1.5

        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Theme.touch * 2.2
            Layout.preferredHeight: Theme.touch * 2.2
            radius: width / 2
            color: Theme.done
            AppIcon {
                anchors.centerIn: parent
                width: parent.width * 0.6
                height: parent.height * 0.6
                name: "check"
                tint: Theme.brandText
            }
        }
        Text {
            objectName: "doneTitle"
            text: page.checkIn.doneTitle
            color: Theme.done
            font.pixelSize: Theme.titleSize * 1.2
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Text {
            visible: text !== ""
            text: page.checkIn.anonymous ? "" : page.checkIn.maskedPhone
            color: Theme.text
            font.pixelSize: Theme.titleSize
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Text {
            objectName: "doneSummary"
            text: page.checkIn.doneSummary
            color: Theme.text
            font.pixelSize: Theme.titleSize
            font.bold: true
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Text {
            text: page.checkIn.doneNote
            color: Theme.muted
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
    }
}
