import QtQuick
import QtQuick.Layouts
import "../../qml/components"

PageFrame {
    id: page

    readonly property QtObject checkIn: kiosk.vm.checkIn

    title: qsTr("Keep your number?")
    actionText: qsTr("I agree")
    actionIcon: "check"
    onActionClicked: checkIn.agreeConsent()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        CheckInSteps {
            current: 0
        }

        Repeater {
            model: [
                { icon: "shield-lock", title: qsTr("What we keep"),
                  body: qsTr("A coded form of your number and its last 4 digits, your work and platform, and when and why you came.") },
                { icon: "user-check", title: qsTr("Why"),
                  body: qsTr("To greet you next time so check-in takes two taps, and to count how many people the station helps.") },
                { icon: "clock", title: qsTr("For how long"),
                  body: qsTr("%n day(s). After that your visits no longer lead back to you.", "", page.checkIn.retentionDays) },
                { icon: "info-circle", title: qsTr("If you say no"),
                  body: qsTr("You can still use everything here. Your visit is counted without your number.") }
            ]
            delegate: RowLayout {
                required property var modelData
                spacing: Theme.gap
                Layout.fillWidth: true
                AppIcon {
                    name: modelData.icon
                    tint: Theme.brand
                    Layout.alignment: Qt.AlignTop
                    Layout.preferredWidth: Theme.touch * 0.6
                    Layout.preferredHeight: Theme.touch * 0.6
                }
                ColumnLayout {
                    spacing: Theme.gap * 0.2
                    Layout.fillWidth: true
                    Text {
                        text: modelData.title
                        color: Theme.text
                        font.pixelSize: Theme.bodySize
                        font.bold: true
                    }
                    Text {
                        text: modelData.body
                        color: Theme.text
                        font.pixelSize: Theme.bodySize
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                }
            }
        }
        Item { Layout.fillHeight: true }
        BigButton {
            objectName: "declineConsentButton"
            text: qsTr("No, check in without my number")
            primary: false
            Layout.fillWidth: true
            onClicked: page.checkIn.declineConsent()
        }
    }
}
