import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// Resting: big and green, the seat, when we wake you, and where the county can reach phones a
// QR to the proof of rest. Home by itself after a few seconds, unless a QR waits to be scanned.
PageFrame {
    id: page

    readonly property QtObject rest: kiosk.vm.rest
    readonly property bool landscape: width > height
    readonly property bool hasQr: rest.doneQr !== ""

    title: qsTr("Rest well")
    actionText: hasQr ? qsTr("Back to home") : qsTr("Back to home (%1 s)").arg(rest.returnSeconds)
    actionIcon: "home"
    onActionClicked: rest.finish()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        RestSteps {
            current: 2
        }
        GridLayout {
            columns: page.landscape && page.hasQr ? 2 : 1
            columnSpacing: Theme.margin * 2
            rowSpacing: Theme.gap
            Layout.fillWidth: true
            Layout.fillHeight: true

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
                    text: qsTr("Your seat")
                    color: Theme.done
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                Text {
                    objectName: "restDoneSeat"
                    text: page.rest.doneSeat
                    color: Theme.text
                    font.pixelSize: Theme.boardSize * 1.2
                    font.bold: true
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                Text {
                    objectName: "restDoneSummary"
                    text: page.rest.doneSummary
                    color: Theme.text
                    font.pixelSize: Theme.bodySize
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                Text {
                    text: qsTr("When the chime plays, come to the screen and tap \"I'm awake\".")
                    color: Theme.muted
                    font.pixelSize: Theme.bodySize
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
            }
            ColumnLayout {
                visible: page.hasQr
                spacing: Theme.gap * 0.5
                Layout.alignment: Qt.AlignCenter
                QrCode {
                    objectName: "restQr"
                    payload: page.rest.doneQr
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: Theme.touch * 3.2
                    Layout.preferredHeight: Theme.touch * 3.2
                }
                Text {
                    text: qsTr("Scan for your proof of rest, after you wake")
                    color: Theme.muted
                    font.pixelSize: Theme.bodySize
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                    Layout.preferredWidth: Theme.touch * 4
                    Layout.alignment: Qt.AlignHCenter
                }
            }
        }
    }
}
