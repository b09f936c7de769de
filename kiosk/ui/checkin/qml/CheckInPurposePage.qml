import QtQuick
import QtQuick.Layouts
import "../../qml/components"

PageFrame {
    id: page

    readonly property QtObject checkIn: kiosk.vm.checkIn
    readonly property bool landscape: width > height

    title: qsTr("Check in")

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        CheckInSteps {
            current: 2
        }
        Text {
            text: page.checkIn.busy ? qsTr("Saving…") : qsTr("What brings you here today? Tap one.")
            color: Theme.text
            font.pixelSize: Theme.titleSize
            font.bold: true
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        ErrorBanner {
            message: page.checkIn.errorText
            Layout.fillWidth: true
        }
        GridLayout {
            columns: page.landscape ? 3 : 2
            rowSpacing: Theme.gap * 1.2
            columnSpacing: Theme.gap * 1.2
            Layout.fillWidth: true
            Layout.fillHeight: true

            Repeater {
                model: page.checkIn.purposes
                delegate: ChoiceTile {
                    required property var modelData
                    objectName: "purpose_" + modelData.key
                    text: modelData.label
                    iconName: modelData.icon
                    enabled: !page.checkIn.busy
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    onClicked: page.checkIn.choosePurpose(modelData.key)
                }
            }
        }
    }
}
