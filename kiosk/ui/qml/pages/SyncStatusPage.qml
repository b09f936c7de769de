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
                    id: parkedItem
                    required property var modelData
                    // Letting a record go asks why first: that is its confirmation.
                    property bool askingWhy: false
                    Layout.fillWidth: true
                    Layout.preferredHeight: parkedColumn.implicitHeight + Theme.gap
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.waiting
                    border.width: Math.max(3, 4 * Theme.unit)
                    ColumnLayout {
                        id: parkedColumn
                        anchors.fill: parent
                        anchors.margins: Theme.gap * 0.5
                        spacing: Theme.gap * 0.5
                        RowLayout {
                            id: parkedRow
                            spacing: Theme.gap
                            Layout.fillWidth: true
                            AppIcon {
                                name: "alert-triangle"
                                tint: Theme.waiting
                                Layout.preferredWidth: Theme.bodySize * 1.5
                                Layout.preferredHeight: Theme.bodySize * 1.5
                            }
                            Text {
                                text: parkedItem.modelData.kind + " · " + parkedItem.modelData.when
                                      + " · " + parkedItem.modelData.text
                                color: Theme.text
                                font.pixelSize: Theme.bodySize
                                wrapMode: Text.WordWrap
                                Layout.fillWidth: true
                            }
                        }
                        Flow {
                            visible: !parkedItem.askingWhy
                            spacing: Theme.gap
                            Layout.fillWidth: true
                            BigButton {
                                objectName: "retryParked"
                                text: qsTr("Send again")
                                primary: false
                                onClicked: page.sync.retryParked(parkedItem.modelData.opId)
                            }
                            BigButton {
                                objectName: "discardParked"
                                text: qsTr("Stop sending it")
                                primary: false
                                onClicked: parkedItem.askingWhy = true
                            }
                        }
                        Text {
                            visible: parkedItem.askingWhy
                            text: qsTr("It will never be sent again. Why?")
                            color: Theme.text
                            font.pixelSize: Theme.bodySize
                            font.bold: true
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        Flow {
                            visible: parkedItem.askingWhy
                            spacing: Theme.gap
                            Layout.fillWidth: true
                            BigButton {
                                objectName: "discardWrong"
                                text: qsTr("The record is wrong")
                                onClicked: page.sync.discardParked(parkedItem.modelData.opId, "wrong")
                            }
                            BigButton {
                                objectName: "discardDuplicate"
                                text: qsTr("The county has it already")
                                onClicked: page.sync.discardParked(parkedItem.modelData.opId, "duplicate")
                            }
                            BigButton {
                                objectName: "discardNotNeeded"
                                text: qsTr("The county does not want it")
                                onClicked: page.sync.discardParked(parkedItem.modelData.opId, "not_needed")
                            }
                            BigButton {
                                objectName: "discardCancel"
                                text: qsTr("Keep it")
                                primary: false
                                onClicked: parkedItem.askingWhy = false
                            }
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
