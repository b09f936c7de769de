import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// One flight: its status in words, each time labelled, and when its passengers come out.
PageFrame {
    id: page

    readonly property QtObject flights: kiosk.vm.flights
    readonly property var flight: flights.detail
    readonly property bool landscape: width > height

    title: flight.flight || qsTr("Flight")
    actionText: qsTr("Back to the board")
    actionIcon: "arrow-left"
    onActionClicked: kiosk.nav.back()

    GridLayout {
        anchors.fill: parent
        columns: page.landscape ? 2 : 1
        columnSpacing: Theme.margin * 2
        rowSpacing: Theme.gap

        ColumnLayout {
            spacing: Theme.gap
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop

            RowLayout {
                spacing: Theme.gap
                Text {
                    objectName: "detailFlight"
                    text: page.flight.flight || ""
                    color: Theme.text
                    font.pixelSize: Theme.displaySize
                    font.bold: true
                }
                StatusBadge {
                    objectName: "detailStatus"
                    text: page.flight.statusText || ""
                    tone: page.flight.tone || "unknown"
                }
            }
            Text {
                visible: text !== ""
                text: page.flight.codeshareText || ""
                color: Theme.muted
                font.pixelSize: Theme.bodySize
            }
            Text {
                text: (page.flight.direction === "arrival" ? qsTr("From %1") : qsTr("To %1")).arg(page.flight.city || "")
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
            }
            GridLayout {
                columns: 2
                columnSpacing: Theme.gap * 2
                rowSpacing: Theme.gap * 0.4
                Text { text: qsTr("Scheduled"); color: Theme.muted; font.pixelSize: Theme.bodySize }
                Text { objectName: "detailScheduled"; text: page.flight.scheduledText || ""; color: Theme.text; font.pixelSize: Theme.titleSize; font.bold: true }
                Text { visible: (page.flight.estimatedText || "") !== ""; text: qsTr("Estimated"); color: Theme.muted; font.pixelSize: Theme.bodySize }
                Text { visible: (page.flight.estimatedText || "") !== ""; text: page.flight.estimatedText || ""; color: Theme.text; font.pixelSize: Theme.titleSize; font.bold: true }
                Text { visible: (page.flight.actualText || "") !== ""; text: qsTr("Actual"); color: Theme.muted; font.pixelSize: Theme.bodySize }
                Text { visible: (page.flight.actualText || "") !== ""; text: page.flight.actualText || ""; color: Theme.text; font.pixelSize: Theme.titleSize; font.bold: true }
            }
            Text {
                visible: text !== ""
                text: page.flight.placeText || ""
                color: Theme.text
                font.pixelSize: Theme.titleSize
            }
            Rectangle {
                visible: (page.flight.outText || "") !== ""
                Layout.fillWidth: true
                Layout.preferredHeight: outColumn.implicitHeight + Theme.gap * 1.5
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.done
                border.width: Math.max(3, 4 * Theme.unit)
                ColumnLayout {
                    id: outColumn
                    anchors.centerIn: parent
                    spacing: 0
                    Text {
                        text: qsTr("Passengers out at about")
                        color: Theme.text
                        font.pixelSize: Theme.bodySize
                        Layout.alignment: Qt.AlignHCenter
                    }
                    Text {
                        objectName: "detailOut"
                        text: "≈ " + (page.flight.outText || "")
                        color: Theme.done
                        font.pixelSize: Theme.boardSize
                        font.bold: true
                        Layout.alignment: Qt.AlignHCenter
                    }
                }
            }
        }
        ColumnLayout {
            spacing: Theme.gap * 0.5
            Layout.alignment: Qt.AlignCenter
            QrCode {
                objectName: "flightQr"
                payload: page.flights.detailQr
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Theme.touch * 3.4
                Layout.preferredHeight: Theme.touch * 3.4
            }
            Text {
                text: qsTr("Scan to follow it on your phone")
                color: Theme.muted
                font.pixelSize: Theme.bodySize
                Layout.alignment: Qt.AlignHCenter
            }
        }
    }
}
