import QtQuick
import QtQuick.Layouts
import "../../qml/components"

PageFrame {
    id: page

    readonly property QtObject keeperParking: kiosk.vm.keeperParking
    readonly property bool landscape: width > height

    title: qsTr("Parking today")
    actionText: qsTr("Refresh")
    actionIcon: "refresh"
    onActionClicked: keeperParking.refresh()

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
                message: page.keeperParking.errorText
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: Theme.margin * 2
                Repeater {
                    model: page.keeperParking.dayCounts
                    delegate: ColumnLayout {
                        required property var modelData
                        spacing: 0
                        Text {
                            text: String(modelData.value)
                            color: Theme.brand
                            font.pixelSize: Theme.displaySize
                            font.bold: true
                        }
                        Text {
                            text: modelData.label
                            color: Theme.text
                            font.pixelSize: Theme.bodySize
                        }
                    }
                }
            }
            Text {
                text: qsTr("Bookings today")
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
            }
            Repeater {
                model: page.keeperParking.reservations
                delegate: Rectangle {
                    id: card
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.preferredHeight: row.implicitHeight + Theme.gap
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.line
                    border.width: Math.max(2, 3 * Theme.unit)
                    RowLayout {
                        id: row
                        anchors.fill: parent
                        anchors.margins: Theme.gap * 0.5
                        spacing: Theme.gap
                        // The booking and its plate over what and when: the words get the row's
                        // width, so that neither is cut nor broken inside a word.
                        ColumnLayout {
                            spacing: 0
                            Layout.fillWidth: true
                            Text {
                                text: card.modelData.code + "  " + card.modelData.plate
                                color: Theme.text
                                font.pixelSize: Theme.bodySize
                                font.bold: true
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                            Text {
                                text: card.modelData.type + " " + card.modelData.bay + " · " + card.modelData.time
                                      + " · " + card.modelData.state
                                color: Theme.text
                                font.pixelSize: Theme.bodySize
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                        }
                        BigButton {
                            objectName: "arrive_" + card.modelData.code
                            visible: card.modelData.canArrive
                            text: qsTr("Here")
                            primary: false
                            onClicked: page.keeperParking.markArrived(card.modelData.plate, card.modelData.code)
                        }
                        BigButton {
                            objectName: "left_" + card.modelData.code
                            visible: card.modelData.canLeave
                            text: qsTr("Left")
                            primary: false
                            onClicked: page.keeperParking.markLeft(card.modelData.code)
                        }
                        BigButton {
                            objectName: "noshow_" + card.modelData.code
                            visible: card.modelData.canNoShow
                            text: qsTr("No-show")
                            primary: false
                            onClicked: page.keeperParking.markNoShow(card.modelData.code)
                        }
                    }
                }
            }
            Text {
                visible: page.keeperParking.evChargers.length > 0
                text: qsTr("EV chargers (tap to take out of service or back)")
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
                Layout.topMargin: Theme.gap
            }
            Flow {
                spacing: Theme.targetGap
                Layout.fillWidth: true
                Repeater {
                    model: page.keeperParking.evChargers
                    delegate: Chip {
                        required property var modelData
                        objectName: "charger_" + modelData.code
                        text: modelData.code + " " + modelData.power + (modelData.inService ? "" : " ✕")
                        selected: modelData.inService
                        onClicked: page.keeperParking.setInService(modelData.code, !modelData.inService)
                    }
                }
            }
        }
    }
}
