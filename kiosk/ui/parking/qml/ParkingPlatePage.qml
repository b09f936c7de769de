import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// The plate, on the plate keyboard: for a booking, for "I'm here", or to cancel.
PageFrame {
    id: page

    readonly property QtObject parking: kiosk.vm.parking

    title: parking.mode === "arrive" ? qsTr("I'm here") : parking.mode === "cancel" ? qsTr("Cancel a booking") : qsTr("Book a bay")
    actionText: parking.busy ? qsTr("One moment…") : parking.mode === "arrive" ? qsTr("Find my booking") : qsTr("Next")
    actionIcon: "arrow-right"
    actionEnabled: !parking.busy
    onActionClicked: parking.confirmPlate()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        ParkingSteps {
            visible: page.parking.mode === "book"
            current: 1
        }
        Text {
            text: qsTr("Your plate")
            color: Theme.text
            font.pixelSize: Theme.titleSize
            font.bold: true
        }
        PlateDisplay {
            objectName: "plateDisplay"
            plate: page.parking.plate
            slots: page.parking.plateSlots
            newEnergy: page.parking.newEnergy
            hasError: page.parking.errorText !== ""
            Layout.alignment: Qt.AlignHCenter
        }
        ErrorBanner {
            message: page.parking.errorText
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
        PlateKeyboard {
            provinces: page.parking.provinces
            letters: page.parking.letters
            suffixes: page.parking.suffixes
            provinceStage: page.parking.provinceStage
            suffixAllowed: page.parking.suffixAllowed
            newEnergy: page.parking.newEnergy
            Layout.fillWidth: true
            onKey: value => page.parking.plateKey(value)
            onBackspace: page.parking.plateBackspace()
            onCleared: page.parking.plateClear()
            onNewEnergyToggled: page.parking.toggleNewEnergy()
        }
    }
}
