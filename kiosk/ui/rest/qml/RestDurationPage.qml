import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// How long: 20 min, 30 min, 1 h, a custom length, or until a flight's passengers come out.
PageFrame {
    id: page

    readonly property QtObject rest: kiosk.vm.rest
    readonly property bool landscape: width > height

    title: qsTr("Seat %1").arg(rest.seat)
    actionText: qsTr("Start resting")
    actionIcon: "clock"
    actionEnabled: rest.canStart && !rest.busy
    onActionClicked: rest.start()

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.gap

            RestSteps {
                current: 1
            }
            ErrorBanner {
                message: page.rest.errorText
                Layout.fillWidth: true
            }
            Text {
                text: qsTr("How long have you been driving without a break?")
                color: Theme.text
                font.pixelSize: Theme.bodySize
                font.bold: true
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Flow {
                spacing: Theme.targetGap
                Layout.fillWidth: true
                Repeater {
                    model: page.rest.drivingChoices
                    delegate: Chip {
                        required property var modelData
                        objectName: "driving_" + modelData.key
                        text: modelData.label
                        selected: modelData.chosen
                        onClicked: page.rest.chooseDriving(modelData.key)
                    }
                }
            }
            Text {
                objectName: "restSuggestion"
                visible: text !== ""
                text: page.rest.suggestion
                color: Theme.waiting
                font.pixelSize: Theme.bodySize
                font.bold: true
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            GridLayout {
                columns: page.landscape ? 4 : 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                Layout.fillWidth: true
                Repeater {
                    model: page.rest.durations
                    delegate: ChoiceTile {
                        required property var modelData
                        objectName: "minutes_" + modelData.minutes
                        text: modelData.label
                        iconName: "hourglass"
                        selected: modelData.chosen
                        Layout.fillWidth: true
                        onClicked: page.rest.chooseMinutes(modelData.minutes)
                    }
                }
                ChoiceTile {
                    objectName: "minutesCustom"
                    text: qsTr("Other: %1").arg(page.rest.customText)
                    iconName: "settings"
                    selected: page.rest.customChosen
                    Layout.fillWidth: true
                    onClicked: page.rest.chooseCustom()
                }
            }
            Stepper {
                name: "restCustom"
                visible: page.rest.customChosen
                label: page.rest.longestText
                value: page.rest.customText
                canDecrease: page.rest.canShorten
                canIncrease: page.rest.canLengthen
                Layout.fillWidth: true
                onDecrease: page.rest.stepCustom(-1)
                onIncrease: page.rest.stepCustom(1)
            }
            Text {
                visible: page.rest.flights.length > 0
                text: qsTr("Or wake me for a flight:")
                color: Theme.text
                font.pixelSize: Theme.bodySize
                font.bold: true
                Layout.fillWidth: true
            }
            Repeater {
                model: page.rest.flights
                delegate: ChoiceTile {
                    required property var modelData
                    objectName: "flight_" + modelData.flight
                    text: modelData.label + "\n" + modelData.help
                    iconName: "plane-arrival"
                    selected: modelData.chosen
                    Layout.fillWidth: true
                    // Two lines of words, three in large text: taller than a one-line choice.
                    Layout.preferredHeight: Theme.touch * 2
                    onClicked: page.rest.chooseFlight(modelData.flight)
                }
            }
        }
    }
}
