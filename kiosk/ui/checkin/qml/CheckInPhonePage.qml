import QtQuick
import QtQuick.Layouts
import "../../qml/components"

PageFrame {
    id: page

    readonly property QtObject checkIn: kiosk.vm.checkIn
    readonly property bool landscape: width > height

    title: qsTr("Check in")
    actionText: checkIn.busy ? qsTr("One moment…") : qsTr("Next")
    actionIcon: "arrow-right"
    actionEnabled: !checkIn.busy
    onActionClicked: checkIn.submitPhone()

    GridLayout {
        anchors.fill: parent
        columns: page.landscape ? 2 : 1
        columnSpacing: Theme.margin * 1.5
        rowSpacing: Theme.gap

        ColumnLayout {
            spacing: Theme.gap
            Layout.fillWidth: true
            Layout.fillHeight: !page.landscape ? false : true
            Layout.preferredWidth: page.landscape ? parent.width * 0.5 : parent.width

            CheckInSteps {
                current: 0
            }
            Text {
                text: qsTr("Your mobile number")
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
                Layout.topMargin: Theme.gap
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.displaySize * 1.8
                radius: Theme.radius
                color: Theme.surface
                border.color: page.checkIn.errorText !== "" ? Theme.error : Theme.line
                border.width: Math.max(3, 4 * Theme.unit)

                Text {
                    objectName: "phoneDisplay"
                    anchors.centerIn: parent
                    text: page.checkIn.phoneDisplay !== "" ? page.checkIn.phoneDisplay : "___ ____ ____"
                    color: page.checkIn.phoneDisplay !== "" ? Theme.text : Theme.muted
                    font.pixelSize: Theme.displaySize
                    font.bold: true
                    font.letterSpacing: Theme.unit * 4
                }
            }
            Text {
                text: qsTr("%1 of 11 digits").arg(page.checkIn.digitsTyped)
                color: Theme.muted
                font.pixelSize: Theme.smallSize
            }
            ErrorBanner {
                message: page.checkIn.errorText
                Layout.fillWidth: true
            }
            Text {
                text: qsTr("We use it to know you next time. It is never shown in full.")
                color: Theme.muted
                font.pixelSize: Theme.smallSize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            BigButton {
                objectName: "skipPhoneButton"
                text: qsTr("Check in without a number")
                primary: false
                labelSize: Theme.bodySize
                Layout.fillWidth: true
                onClicked: page.checkIn.skipPhone()
            }
            Item {
                visible: page.landscape
                Layout.fillHeight: true
            }
        }

        KeyPad {
            Layout.fillWidth: true
            Layout.fillHeight: true
            onDigit: value => page.checkIn.pressDigit(value)
            onBackspace: page.checkIn.backspace()
            onCleared: page.checkIn.clearPhone()
        }
    }
}
