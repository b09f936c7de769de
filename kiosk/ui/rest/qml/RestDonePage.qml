import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// Resting: big and green, the seat, when we wake you; home by itself after a few seconds.
PageFrame {
    id: page

    readonly property QtObject rest: kiosk.vm.rest

    title: qsTr("Rest well")
    actionText: qsTr("Back to home (%1 s)").arg(rest.returnSeconds)
    actionIcon: "home"
    onActionClicked: rest.finish()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        RestSteps {
            current: 2
        }
        Item { Layout.fillHeight: true }
        Rectangle {
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Theme.touch * 1.6
            Layout.preferredHeight: Theme.touch * 1.6
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
            text: qsTr("Your seat")
            color: Theme.done
            font.pixelSize: Theme.titleSize
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Text {
            objectName: "restDoneSeat"
            text: page.rest.doneSeat
            color: Theme.text
            font.pixelSize: Theme.boardSize * 1.2
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Text {
            objectName: "restDoneSummary"
            text: page.rest.doneSummary
            color: Theme.text
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Text {
            text: qsTr("When the chime plays, come to the screen and tap “I'm awake”.")
            color: Theme.muted
            font.pixelSize: Theme.bodySize
            wrapMode: Text.WordWrap
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
    }
}
