import QtQuick
import QtQuick.Layouts
import "../components"

// For the keeper: when the county last heard from this kiosk, and what it refused.
PageFrame {
    id: page

    readonly property QtObject sync: kiosk.sync

    title: qsTr("County sync")
    actionText: sync.syncing ? qsTr("Syncing…") : qsTr("Sync now")
    actionIcon: "refresh"
    actionEnabled: !sync.syncing
    onActionClicked: sync.syncNow()

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.gap

            RowLayout {
                spacing: Theme.gap * 0.5
                AppIcon {
                    name: page.sync.online ? "cloud" : "cloud-off"
                    tint: page.sync.online ? Theme.done : Theme.unknown
                    Layout.preferredWidth: Theme.titleSize
                    Layout.preferredHeight: Theme.titleSize
                }
                Text {
                    objectName: "syncState"
                    text: page.sync.stateText
                    color: page.sync.online ? Theme.done : Theme.unknown
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                }
            }
            Text {
                objectName: "lastSync"
                text: page.sync.lastSyncText
                color: Theme.text
                font.pixelSize: Theme.bodySize
            }
            Text {
                text: page.sync.pendingText
                color: Theme.text
                font.pixelSize: Theme.bodySize
            }
            ErrorBanner {
                message: page.sync.errorText
                Layout.fillWidth: true
            }
            Text {
                visible: page.sync.parkedCount > 0
                text: qsTr("Refused by the county (%1)").arg(page.sync.parkedCount)
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
                Layout.topMargin: Theme.gap
            }
            Repeater {
                model: page.sync.parkedErrors
                delegate: Rectangle {
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.preferredHeight: parkedRow.implicitHeight + Theme.gap
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.waiting
                    border.width: Math.max(3, 4 * Theme.unit)
                    RowLayout {
                        id: parkedRow
                        anchors.fill: parent
                        anchors.margins: Theme.gap * 0.5
                        spacing: Theme.gap
                        AppIcon {
                            name: "alert-triangle"
                            tint: Theme.waiting
                            Layout.preferredWidth: Theme.bodySize * 1.5
                            Layout.preferredHeight: Theme.bodySize * 1.5
                        }
                        Text {
                            text: modelData.kind + " · " + modelData.when + " · " + modelData.text
                            color: Theme.text
                            font.pixelSize: Theme.bodySize
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }
            BigButton {
                objectName: "requeueParked"
                visible: page.sync.parkedCount > 0
                text: qsTr("Send the refused records again")
                primary: false
                Layout.fillWidth: true
                onClicked: page.sync.requeueParked()
            }
        }
    }
}
