import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// Parking: what is free now, by kind of bay; book one, say you are here, or cancel.
PageFrame {
    id: page

    readonly property QtObject parking: kiosk.vm.parking
    readonly property bool landscape: width > height

    title: qsTr("Parking")
    actionText: qsTr("I'm here")
    actionIcon: "map-pin"
    onActionClicked: parking.startArrival()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        Text {
            text: qsTr("Book a bay. Free now:")
            color: Theme.text
            font.pixelSize: Theme.titleSize
            font.bold: true
        }
        GridLayout {
            columns: page.landscape ? Math.max(1, page.parking.bayTypes.length) : 1
            rowSpacing: Theme.gap
            columnSpacing: Theme.gap
            Layout.fillWidth: true
            Layout.fillHeight: true

            Repeater {
                model: page.parking.bayTypes
                delegate: Tile {
                    required property var modelData
                    objectName: "book_" + modelData.key
                    text: modelData.label
                    help: qsTr("%1 free now").arg(modelData.free)
                    iconName: modelData.icon
                    primary: modelData.free > 0
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    onClicked: page.parking.startBooking(modelData.key)
                }
            }
        }
        ErrorBanner {
            message: page.parking.errorText
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.gap
            Layout.fillWidth: true
            BigButton {
                objectName: "parkingBoardButton"
                text: qsTr("Free bays board")
                iconName: "chart-bar"
                primary: false
                Layout.fillWidth: true
                onClicked: page.parking.openBoard()
            }
            BigButton {
                objectName: "parkingCancelButton"
                text: qsTr("Cancel a booking")
                iconName: "x"
                primary: false
                Layout.fillWidth: true
                onClicked: page.parking.startCancel()
            }
        }
    }
}
