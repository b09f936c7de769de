import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../../qml/components"

PageFrame {
    id: page

    readonly property QtObject checkIn: kiosk.vm.checkIn
    readonly property bool landscape: width > height

    title: qsTr("Check in")
    actionText: qsTr("Next")
    actionIcon: "arrow-right"
    onActionClicked: checkIn.confirmWork()

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.gap

            CheckInSteps {
                current: 1
            }
            RowLayout {
                visible: page.checkIn.greeting !== ""
                spacing: Theme.gap * 0.5
                AppIcon {
                    name: "circle-check"
                    tint: Theme.done
                    Layout.preferredWidth: Theme.titleSize
                    Layout.preferredHeight: Theme.titleSize
                }
                Text {
                    objectName: "greeting"
                    text: page.checkIn.greeting
                    color: Theme.done
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                }
            }
            Text {
                text: qsTr("What work do you do?")
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
            }
            GridLayout {
                columns: page.landscape ? 5 : 2
                rowSpacing: Theme.gap
                columnSpacing: Theme.gap
                Layout.fillWidth: true

                Repeater {
                    model: page.checkIn.workTypes
                    delegate: ChoiceTile {
                        required property var modelData
                        objectName: "work_" + modelData.key
                        text: modelData.label
                        iconName: modelData.icon
                        selected: modelData.selected
                        Layout.fillWidth: true
                        onClicked: page.checkIn.chooseWork(modelData.key)
                    }
                }
            }
            Text {
                visible: page.checkIn.platforms.length > 0
                text: qsTr("Platform (you can skip this)")
                color: Theme.text
                font.pixelSize: Theme.bodySize
                font.bold: true
                Layout.topMargin: Theme.gap
            }
            Flow {
                spacing: Theme.targetGap
                Layout.fillWidth: true
                Repeater {
                    model: page.checkIn.platforms
                    delegate: Chip {
                        required property var modelData
                        objectName: "platform_" + modelData.key
                        text: modelData.label
                        selected: modelData.selected
                        onClicked: page.checkIn.choosePlatform(modelData.key)
                    }
                }
            }
            ColumnLayout {
                visible: page.checkIn.workDetailWanted
                spacing: Theme.gap * 0.5
                Layout.fillWidth: true
                Text {
                    text: qsTr("What work? (you can skip this)")
                    color: Theme.text
                    font.pixelSize: Theme.bodySize
                    font.bold: true
                }
                TextField {
                    objectName: "workDetailField"
                    text: page.checkIn.workDetail
                    placeholderText: qsTr("For example: designated driver")
                    placeholderTextColor: Theme.muted
                    font.pixelSize: Theme.bodySize
                    maximumLength: 40
                    inputMethodHints: Qt.ImhNoPredictiveText
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch
                    onTextEdited: page.checkIn.setWorkDetail(text)
                    background: Rectangle {
                        radius: Theme.radius
                        color: Theme.surface
                        border.color: Theme.line
                        border.width: Math.max(2, 3 * Theme.unit)
                    }
                }
            }
            ErrorBanner {
                message: page.checkIn.errorText
                Layout.fillWidth: true
            }
        }
    }
}
