import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// Booked, arrived or cancelled: big and green, the code to keep, a QR for the phone.
PageFrame {
    id: page

    readonly property QtObject parking: kiosk.vm.parking
    readonly property bool landscape: width > height

    title: parking.doneTitle
    actionText: qsTr("Back to home (%1 s)").arg(parking.returnSeconds)
    actionIcon: "home"
    onActionClicked: parking.finish()

    GridLayout {
        anchors.fill: parent
        columns: page.landscape && page.parking.mode === "book" ? 2 : 1
        columnSpacing: Theme.margin * 2

        ColumnLayout {
            spacing: Theme.gap
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter

            Rectangle {
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Theme.touch * 1.6
                Layout.preferredHeight: Theme.touch * 1.6
                radius: width / 2
                color: Theme.done
                AppIcon {
                    anchors.centerIn: parent
                    width: parent.width * 0.6
                    height: parent.height * 0.6
                    name: "check"
                    tint: Theme.brandText
                }
            }
            Text {
                text: page.parking.doneTitle
                color: Theme.done
                font.pixelSize: Theme.titleSize * 1.2
                font.bold: true
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            Text {
                objectName: "parkingBigText"
                text: page.parking.mode === "arrive" ? page.parking.receiptBay : page.parking.receiptCode
                color: Theme.text
                font.pixelSize: Theme.boardSize * 1.2
                font.bold: true
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            Text {
                objectName: "parkingSummary"
                text: page.parking.receiptSummary
                color: Theme.text
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            Text {
                visible: page.parking.mode === "book"
                text: qsTr("Keep this code. Show it, or your plate, when you arrive.")
                color: Theme.muted
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
        }
        ColumnLayout {
            visible: page.parking.mode === "book"
            spacing: Theme.gap * 0.5
            Layout.alignment: Qt.AlignCenter
            QrCode {
                objectName: "parkingQr"
                payload: page.parking.receiptQr
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Theme.touch * 3.6
                Layout.preferredHeight: Theme.touch * 3.6
            }
            Text {
                text: qsTr("Scan to keep it on your phone")
                color: Theme.muted
                font.pixelSize: Theme.bodySize
                Layout.alignment: Qt.AlignHCenter
            }
        }
    }
}
