import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// 歇一会儿: pick a free seat. Taken seats show how long they are taken for.
PageFrame {
    id: page

    readonly property QtObject rest: kiosk.vm.rest
    readonly property bool landscape: width > height

    title: qsTr("Rest")
    actionText: qsTr("Seat board")
    actionIcon: "chart-bar"
    onActionClicked: rest.openBoard()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        RestSteps {
            current: 0
        }
        Text {
            objectName: "restPickSeat"
            text: page.rest.freeCount > 0 ? qsTr("Pick a free seat (%1 free)").arg(page.rest.freeCount)
                                         : qsTr("No seat is free now. See the board for the next one.")
            color: Theme.text
            font.pixelSize: Theme.titleSize
            font.bold: true
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        ErrorBanner {
            message: page.rest.errorText
            Layout.fillWidth: true
        }
        Flickable {
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: grid.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds

            GridLayout {
                id: grid
                width: parent.width
                columns: Math.max(2, Math.floor(width / (Theme.touch * 2.9)))
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                Repeater {
                    model: page.rest.seats
                    delegate: SeatCard {
                        objectName: "seat_" + seat.number
                        tappable: seat.free
                        compact: true
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.preferredWidth: Theme.touch * 2.8
                        onTapped: page.rest.chooseSeat(seat.number)
                    }
                }
            }
        }
    }
}
