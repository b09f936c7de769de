import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../../qml/components"

// The flight board for waiting drivers: type a flight number or a city, see when people come out.
PageFrame {
    id: page

    readonly property QtObject flights: kiosk.vm.flights
    readonly property bool landscape: width > height

    title: qsTr("Flights")
    showAction: false

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap * 0.8

        RowLayout {
            spacing: Theme.targetGap
            Layout.fillWidth: true
            Chip {
                objectName: "directionArrival"
                text: qsTr("Arrivals")
                selected: page.flights.direction === "arrival"
                onClicked: page.flights.setDirection("arrival")
            }
            Chip {
                objectName: "directionDeparture"
                text: qsTr("Departures")
                selected: page.flights.direction === "departure"
                onClicked: page.flights.setDirection("departure")
            }
            Rectangle {
                Layout.fillWidth: true
                // The hint wraps where the box is narrow (portrait, large text); the box grows.
                Layout.preferredHeight: Math.max(Theme.touch, flightQuery.implicitHeight + Theme.gap)
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                border.width: Math.max(2, 3 * Theme.unit)
                Text {
                    id: flightQuery
                    objectName: "flightQuery"
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.leftMargin: Theme.gap
                    anchors.rightMargin: Theme.gap
                    wrapMode: Text.WordWrap
                    text: page.flights.query !== "" ? page.flights.query : qsTr("Flight number, or city initials (bj = 北京)")
                    color: page.flights.query !== "" ? Theme.text : Theme.muted
                    font.pixelSize: page.flights.query !== "" ? Theme.titleSize : Theme.bodySize
                    font.bold: page.flights.query !== ""
                }
            }
        }
        RowLayout {
            spacing: Theme.gap * 0.5
            Layout.fillWidth: true
            AppIcon {
                name: page.flights.stale ? "alert-triangle" : "clock"
                tint: page.flights.stale ? Theme.waiting : Theme.muted
                Layout.preferredWidth: Theme.bodySize * 1.3
                Layout.preferredHeight: Theme.bodySize * 1.3
            }
            Text {
                objectName: "freshness"
                text: page.flights.freshnessText
                color: page.flights.stale ? Theme.waiting : Theme.muted
                font.pixelSize: Theme.smallSize
                font.bold: page.flights.stale
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        // Arrivals per half hour over the next three hours: when the rush comes.
        RowLayout {
            visible: page.flights.direction === "arrival" && page.flights.query === ""
            spacing: Theme.gap * 0.5
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch * 1.9
            Text {
                text: qsTr("Arrivals\nper 30 min")
                color: Theme.text
                font.pixelSize: Theme.smallSize
                Layout.preferredWidth: Theme.touch * 1.6
            }
            Repeater {
                model: page.flights.chart
                delegate: ColumnLayout {
                    required property var modelData
                    required property int index
                    spacing: 2
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Text {
                        text: String(modelData.count)
                        color: Theme.text
                        font.pixelSize: Theme.bodySize
                        font.bold: true
                        Layout.alignment: Qt.AlignHCenter
                    }
                    Item {
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        Rectangle {
                            objectName: "chartBar_" + index
                            anchors.bottom: parent.bottom
                            anchors.horizontalCenter: parent.horizontalCenter
                            width: parent.width * 0.7
                            height: Math.max(3, parent.height * modelData.share)
                            radius: 4
                            color: Theme.brand
                        }
                    }
                    Text {
                        text: modelData.label
                        color: Theme.text
                        font.pixelSize: Theme.smallSize
                        Layout.alignment: Qt.AlignHCenter
                    }
                }
            }
        }
        GridLayout {
            columns: page.landscape ? 2 : 1
            columnSpacing: Theme.gap
            rowSpacing: Theme.gap
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: list
                objectName: "flightList"
                clip: true
                spacing: Theme.targetGap
                boundsBehavior: Flickable.StopAtBounds
                model: page.flights.results
                onModelChanged: Qt.callLater(() => positionViewAtIndex(page.flights.focusIndex, ListView.Beginning))
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: page.landscape ? page.width * 0.44 : page.width
                delegate: AbstractButton {
                    id: rowButton
                    required property var modelData
                    required property int index
                    objectName: "flight_" + modelData.flight
                    readonly property bool narrow: width < Theme.touch * 7.5
                    width: ListView.view.width
                    implicitHeight: Math.max(Theme.touch, rowContent.implicitHeight + Theme.gap)
                    focusPolicy: Qt.NoFocus
                    onClicked: page.flights.select(modelData.key)
                    background: Rectangle {
                        radius: Theme.radius
                        color: rowButton.down ? Theme.surfacePressed : Theme.surface
                        border.color: Theme.line
                        border.width: Math.max(2, 3 * Theme.unit)
                    }
                    contentItem: RowLayout {
                        id: rowContent
                        spacing: Theme.gap
                        ColumnLayout {
                            spacing: 0
                            Layout.leftMargin: Theme.gap * 0.5
                            Layout.preferredWidth: Theme.touch * 2.2
                            Text {
                                text: rowButton.modelData.flight
                                color: Theme.text
                                font.pixelSize: Theme.titleSize * 0.9
                                font.bold: true
                            }
                            // A narrow row (landscape, large text) puts the city under the number.
                            Text {
                                visible: rowButton.narrow
                                text: rowButton.modelData.city
                                color: Theme.text
                                font.pixelSize: Theme.bodySize
                                font.bold: true
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                            Text {
                                visible: text !== ""
                                text: rowButton.modelData.codeshareText
                                color: Theme.muted
                                font.pixelSize: Theme.smallSize
                                elide: Text.ElideRight
                                Layout.maximumWidth: Theme.touch * 2.2
                            }
                        }
                        Text {
                            visible: !rowButton.narrow
                            text: rowButton.modelData.city
                            color: Theme.text
                            font.pixelSize: Theme.bodySize * 1.2
                            font.bold: true
                            elide: Text.ElideRight
                            Layout.fillWidth: true
                        }
                        Item {
                            visible: rowButton.narrow
                            Layout.fillWidth: true
                        }
                        Text {
                            text: rowButton.modelData.best
                            color: Theme.text
                            font.pixelSize: Theme.titleSize * 0.9
                            font.bold: true
                        }
                        StatusBadge {
                            text: rowButton.modelData.statusText
                            tone: rowButton.modelData.tone
                            Layout.rightMargin: Theme.gap * 0.5
                        }
                    }
                }
                Text {
                    anchors.centerIn: parent
                    visible: list.count === 0
                    text: page.flights.query !== "" ? qsTr("No flight matches. Check the number or the city.") : ""
                    color: Theme.muted
                    font.pixelSize: Theme.bodySize
                }
            }
            // In landscape as wide as ten keys a row need at the least target width; the board
            // takes the rest.
            AlphaKeyPad {
                Layout.fillWidth: !page.landscape
                Layout.preferredWidth: page.landscape ? 10 * Theme.minTouch + 9 * Theme.targetGap : page.width
                Layout.alignment: Qt.AlignBottom
                onKey: value => page.flights.key(value)
                onBackspace: page.flights.backspace()
                onCleared: page.flights.clear()
            }
        }
    }
}
