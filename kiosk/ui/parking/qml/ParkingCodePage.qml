import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// Cancelling needs the plate and the booking code, so nobody cancels another driver's bay.
PageFrame {
    id: page

    readonly property QtObject parking: kiosk.vm.parking
    readonly property bool landscape: width > height

    title: qsTr("Cancel a booking")
    actionText: parking.busy ? qsTr("One moment…") : qsTr("Cancel the booking")
    actionIcon: "x"
    actionEnabled: !parking.busy
    onActionClicked: parking.confirmCode()

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

            Text {
                text: qsTr("Booking code for %1").arg(page.parking.plate)
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Text {
                objectName: "codeDisplay"
                text: page.parking.codeDisplay
                color: Theme.text
                font.pixelSize: Theme.boardSize
                font.bold: true
            }
            ErrorBanner {
                message: page.parking.errorText
                Layout.fillWidth: true
            }
        }
        KeyPad {
            Layout.fillWidth: true
            Layout.fillHeight: true
            onDigit: value => page.parking.codeKey(value)
            onBackspace: page.parking.codeBackspace()
            onCleared: page.parking.codeClear()
        }
    }
}
