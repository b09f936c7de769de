import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// Every seat at a glance, read from two metres: free, minutes left, or time is up with
// 我醒了 and 再歇 10 分钟 right on the seat. Also the kiosk's idle screen.
PageFrame {
    id: page

    readonly property QtObject rest: kiosk.vm.rest

    title: qsTr("Rest corner")
    actionText: qsTr("Take a seat")
    actionIcon: "armchair"
    actionEnabled: rest.freeCount > 0
    onActionClicked: rest.open()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

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
                        id: cell
                        objectName: "board_" + seat.number
                        flash: page.rest.flash
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Layout.preferredWidth: Theme.touch * 2.8
                        BigButton {
                            objectName: "awake_" + cell.seat.number
                            visible: cell.seat.waking
                            text: qsTr("I'm awake")
                            labelSize: Theme.bodySize
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch * 0.9
                            onClicked: page.rest.wake(cell.seat.number)
                        }
                        BigButton {
                            objectName: "snooze_" + cell.seat.number
                            visible: cell.seat.waking && cell.seat.canSnooze
                            text: qsTr("10 more min")
                            labelSize: Theme.bodySize
                            primary: false
                            Layout.fillWidth: true
                            Layout.preferredHeight: Theme.touch * 0.9
                            onClicked: page.rest.snooze(cell.seat.number)
                        }
                    }
                }
            }
        }
    }
}
