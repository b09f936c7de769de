import QtQuick
import QtQuick.Layouts
import "../components"

PageFrame {
    id: page

    readonly property QtObject diagnostics: kiosk.diagnostics

    title: qsTr("Diagnostics")
    actionText: diagnostics.loading ? qsTr("Checking…") : qsTr("Check again")
    actionIcon: "refresh"
    actionEnabled: !diagnostics.loading
    onActionClicked: diagnostics.refresh()

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
                message: page.diagnostics.errorText
                Layout.fillWidth: true
            }
            Repeater {
                model: page.diagnostics.rows
                delegate: RowLayout {
                    required property var modelData
                    spacing: Theme.gap
                    Layout.fillWidth: true
                    AppIcon {
                        name: modelData.ok ? "circle-check" : "alert-triangle"
                        tint: modelData.ok ? Theme.done : Theme.error
                        Layout.preferredWidth: Theme.bodySize * 1.5
                        Layout.preferredHeight: Theme.bodySize * 1.5
                    }
                    Text {
                        text: modelData.label
                        color: Theme.text
                        font.pixelSize: Theme.bodySize
                        font.bold: true
                        Layout.preferredWidth: page.width * 0.3
                    }
                    Text {
                        text: modelData.value
                        color: modelData.ok ? Theme.text : Theme.error
                        font.pixelSize: Theme.bodySize
                        wrapMode: Text.WrapAnywhere
                        Layout.fillWidth: true
                    }
                }
            }
            Text {
                text: qsTr("Export the logs to a USB stick")
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
                Layout.topMargin: Theme.gap
            }
            Text {
                visible: page.diagnostics.exportTargets.length === 0
                text: qsTr("Plug in a USB stick, then tap Check again.")
                color: Theme.muted
                font.pixelSize: Theme.bodySize
            }
            Repeater {
                model: page.diagnostics.exportTargets
                delegate: BigButton {
                    required property string modelData
                    text: modelData
                    iconName: "list-check"
                    primary: false
                    Layout.fillWidth: true
                    onClicked: page.diagnostics.exportLogs(modelData)
                }
            }
            Text {
                objectName: "exportMessage"
                visible: text !== ""
                text: page.diagnostics.exportMessage
                color: Theme.text
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WrapAnywhere
                Layout.fillWidth: true
            }
        }
    }
}
