import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// Step 3, optional: a phone number, so a known driver's booking counts as theirs.
PageFrame {
    id: page

    readonly property QtObject parking: kiosk.vm.parking
    readonly property bool landscape: width > height

    title: qsTr("Book a bay")
    actionText: parking.busy ? qsTr("One moment…") : qsTr("Book it")
    actionIcon: "check"
    actionEnabled: !parking.busy
    onActionClicked: parking.confirmPhone()

    GridLayout {
        anchors.fill: parent
        columns: page.landscape ? 2 : 1
        columnSpacing: Theme.margin * 1.5
        rowSpacing: Theme.gap

        ColumnLayout {
            spacing: Theme.gap
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: page.landscape ? parent.width * 0.5 : parent.width

            ParkingSteps {
                current: 2
            }
            Text {
                text: qsTr("Mobile number (you can skip this)")
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.displaySize * 1.6
                radius: Theme.radius
                color: Theme.surface
                border.color: page.parking.errorText !== "" ? Theme.error : Theme.line
                border.width: Math.max(3, 4 * Theme.unit)
                Text {
                    objectName: "parkingPhoneDisplay"
                    anchors.centerIn: parent
                    text: page.parking.phoneDisplay !== "" ? page.parking.phoneDisplay : "___ ____ ____"
                    color: page.parking.phoneDisplay !== "" ? Theme.text : Theme.muted
                    font.pixelSize: Theme.displaySize * 0.9
                    font.bold: true
                }
            }
            ErrorBanner {
                message: page.parking.errorText
                Layout.fillWidth: true
            }
            BigButton {
                objectName: "skipParkingPhone"
                text: qsTr("Book without a number")
                primary: false
                Layout.fillWidth: true
                onClicked: page.parking.skipPhone()
            }
        }
        KeyPad {
            Layout.fillWidth: true
            Layout.fillHeight: true
            onDigit: value => page.parking.phoneKey(value)
            onBackspace: page.parking.phoneBackspace()
            onCleared: page.parking.phoneClear()
        }
    }
}
