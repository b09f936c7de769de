import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// The keeper's rest corner: overdue wake-ups first, free a seat, seats out of service.
PageFrame {
    id: page

    readonly property QtObject keeperRest: kiosk.vm.keeperRest

    title: qsTr("Rest corner now")
    actionText: qsTr("Refresh")
    actionIcon: "refresh"
    onActionClicked: keeperRest.refresh()

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.gap

            ErrorBanner {
                message: page.keeperRest.errorText
                Layout.fillWidth: true
            }
            Text {
                objectName: "keeperRestOverdue"
                visible: page.keeperRest.overdueCount > 0
                text: qsTr("%1 seat(s) overdue: please wake the driver, or free the seat.").arg(page.keeperRest.overdueCount)
                color: Theme.error
                font.pixelSize: Theme.titleSize
                font.bold: true
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Text {
                objectName: "keeperRestNow"
                text: qsTr("%1 of %2 seats in use · %3 rests today").arg(page.keeperRest.restingCount).arg(page.keeperRest.seatCount).arg(page.keeperRest.restsToday)
                color: Theme.text
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Repeater {
                model: page.keeperRest.seats
                delegate: Rectangle {
                    id: card
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.preferredHeight: row.implicitHeight + Theme.gap
                    radius: Theme.radius
                    color: modelData.state === "overdue" ? Theme.errorSurface : Theme.surface
                    border.color: modelData.state === "overdue" ? Theme.error : Theme.line
                    border.width: Math.max(2, 3 * Theme.unit)
                    // In portrait the buttons go under the words, which get the card's width.
                    GridLayout {
                        id: row
                        anchors.fill: parent
                        anchors.margins: Theme.gap * 0.5
                        columns: page.width > page.height ? 3 : 2
                        columnSpacing: Theme.gap
                        rowSpacing: Theme.targetGap
                        Text {
                            text: card.modelData.number
                            color: Theme.text
                            font.pixelSize: Theme.titleSize
                            font.bold: true
                            Layout.preferredWidth: Theme.touch * 1.2
                        }
                        ColumnLayout {
                            spacing: 0
                            Layout.fillWidth: true
                            Text {
                                objectName: "keeperSeatState_" + card.modelData.number
                                text: card.modelData.stateLabel + " · " + card.modelData.kind
                                color: Theme.text
                                font.pixelSize: Theme.bodySize
                                font.bold: true
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                            Text {
                                visible: text !== ""
                                text: card.modelData.detail
                                color: Theme.muted
                                font.pixelSize: Theme.smallSize
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                        }
                        RowLayout {
                            spacing: Theme.targetGap
                            Layout.columnSpan: page.width > page.height ? 1 : 2
                            Layout.alignment: Qt.AlignRight
                            BigButton {
                                objectName: "freeSeat_" + card.modelData.number
                                visible: card.modelData.canFree
                                text: qsTr("Free seat")
                                labelSize: Theme.bodySize
                                onClicked: page.keeperRest.freeSeat(card.modelData.number)
                            }
                            BigButton {
                                objectName: "seatService_" + card.modelData.number
                                text: card.modelData.inService ? qsTr("Take out of service") : qsTr("Back in service")
                                labelSize: Theme.bodySize
                                primary: false
                                onClicked: page.keeperRest.setInService(card.modelData.number, !card.modelData.inService)
                            }
                        }
                    }
                }
            }
        }
    }
}
