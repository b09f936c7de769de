import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// The plate, on the plate keyboard: for a booking, for "I'm here", or to cancel.
PageFrame {
    id: page

    readonly property QtObject parking: kiosk.vm.parking
    readonly property bool landscape: width > height

    title: parking.mode === "arrive" ? qsTr("I'm here") : parking.mode === "cancel" ? qsTr("Cancel a booking") : qsTr("Book a bay")
    actionText: parking.busy ? qsTr("One moment…") : parking.mode === "arrive" ? qsTr("Find my booking") : qsTr("Next")
    actionIcon: "arrow-right"
    actionEnabled: !parking.busy
    onActionClicked: parking.confirmPlate()

    // In landscape the plate sits beside the heading (and what went wrong), so that the keyboard
    // has the rows it needs above the main action; in portrait everything stacks.
    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        GridLayout {
            columns: page.landscape ? 2 : 1
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap
            Layout.fillWidth: true

            ColumnLayout {
                spacing: Theme.gap
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop

                ParkingSteps {
                    visible: page.parking.mode === "book"
                    current: 1
                }
                Text {
                    // In landscape what went wrong takes the heading's place, beside the plate.
                    visible: !(page.landscape && page.parking.errorText !== "")
                    text: qsTr("Your plate")
                    color: Theme.text
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                }
                ErrorBanner {
                    visible: page.landscape && message !== ""
                    message: page.parking.errorText
                    Layout.fillWidth: true
                }
            }
            PlateDisplay {
                objectName: "plateDisplay"
                plate: page.parking.plate
                slots: page.parking.plateSlots
                newEnergy: page.parking.newEnergy
                hasError: page.parking.errorText !== ""
                Layout.alignment: page.landscape ? Qt.AlignTop : Qt.AlignHCenter
            }
        }
        ErrorBanner {
            visible: !page.landscape && message !== ""
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
            Layout.fillHeight: true
            onKey: value => page.parking.plateKey(value)
            onBackspace: page.parking.plateBackspace()
            onCleared: page.parking.plateClear()
            onNewEnergyToggled: page.parking.toggleNewEnergy()
        }
    }
}
