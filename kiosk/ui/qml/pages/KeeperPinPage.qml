import QtQuick
import QtQuick.Layouts
import "../components"

PageFrame {
    id: page

    readonly property QtObject access: kiosk.keeperAccess
    readonly property bool landscape: width > height

    title: qsTr("Keeper PIN")
    actionText: access.checking ? qsTr("Checking…") : qsTr("Unlock")
    actionIcon: "lock"
    actionEnabled: !access.checking && access.digitsEntered > 0
    onActionClicked: access.submit()

    GridLayout {
        anchors.fill: parent
        columns: page.landscape ? 2 : 1
        columnSpacing: Theme.margin * 1.5
        rowSpacing: Theme.gap

        ColumnLayout {
            spacing: Theme.gap
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignTop
            Layout.preferredWidth: page.landscape ? parent.width * 0.45 : parent.width

            Text {
                text: qsTr("For the station keeper only")
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.displaySize * 1.6
                radius: Theme.radius
                color: Theme.surface
                border.color: page.access.errorText !== "" ? Theme.error : Theme.line
                border.width: Math.max(3, 4 * Theme.unit)
                Text {
                    objectName: "pinDots"
                    anchors.centerIn: parent
                    text: page.access.digitsEntered > 0 ? "●".repeat(page.access.digitsEntered) : "○○○○"
                    color: page.access.digitsEntered > 0 ? Theme.text : Theme.muted
                    font.pixelSize: Theme.displaySize * 0.8
                    font.letterSpacing: Theme.unit * 12
                }
            }
            ErrorBanner {
                message: page.access.errorText
                Layout.fillWidth: true
            }
        }
        KeyPad {
            Layout.fillWidth: true
            Layout.fillHeight: true
            onDigit: value => page.access.pressDigit(value)
            onBackspace: page.access.backspace()
            onCleared: page.access.clear()
        }
    }
}
