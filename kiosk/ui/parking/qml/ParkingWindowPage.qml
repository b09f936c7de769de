import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// Step 1: when and how long; what is free then is shown before anything personal is asked.
PageFrame {
    id: page

    readonly property QtObject parking: kiosk.vm.parking

    title: qsTr("Book a bay")
    actionText: qsTr("Next")
    actionIcon: "arrow-right"
    actionEnabled: !parking.busy && parking.freeInWindow > 0
    onActionClicked: parking.confirmWindow()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap * 1.2

        ParkingSteps {
            current: 0
        }
        Flow {
            spacing: Theme.targetGap
            Layout.fillWidth: true
            Repeater {
                model: page.parking.bayTypes
                delegate: Chip {
                    required property var modelData
                    objectName: "type_" + modelData.key
                    text: modelData.label
                    selected: modelData.selected
                    onClicked: page.parking.startBooking(modelData.key)
                }
            }
        }
        Stepper {
            name: "start"
            label: qsTr("Start")
            value: page.parking.startText
            canDecrease: page.parking.canStartEarlier
            canIncrease: page.parking.canStartLater
            Layout.fillWidth: true
            onDecrease: page.parking.startEarlier()
            onIncrease: page.parking.startLater()
        }
        Stepper {
            name: "duration"
            label: qsTr("How long")
            value: page.parking.durationText
            canDecrease: page.parking.canStayShorter
            canIncrease: page.parking.canStayLonger
            Layout.fillWidth: true
            onDecrease: page.parking.stayShorter()
            onIncrease: page.parking.stayLonger()
        }
        Text {
            text: page.parking.windowText
            color: Theme.muted
            font.pixelSize: Theme.bodySize
        }
        RowLayout {
            spacing: Theme.gap * 0.5
            visible: page.parking.availabilityText !== ""
            AppIcon {
                name: page.parking.freeInWindow > 0 ? "circle-check" : "alert-triangle"
                tint: page.parking.freeInWindow > 0 ? Theme.done : Theme.error
                Layout.preferredWidth: Theme.titleSize
                Layout.preferredHeight: Theme.titleSize
            }
            Text {
                objectName: "availabilityText"
                text: page.parking.availabilityText
                color: page.parking.freeInWindow > 0 ? Theme.done : Theme.error
                font.pixelSize: Theme.titleSize
                font.bold: true
            }
        }
        ErrorBanner {
            message: page.parking.errorText
            Layout.fillWidth: true
        }
        Item { Layout.fillHeight: true }
    }
}
