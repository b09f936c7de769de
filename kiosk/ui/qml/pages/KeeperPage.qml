import QtQuick
import QtQuick.Layouts
import "../components"

PageFrame {
    id: page

    readonly property QtObject keeper: kiosk.keeper
    readonly property bool landscape: width > height

    title: qsTr("Today at this station")
    actionText: qsTr("Refresh")
    actionIcon: "refresh"
    onActionClicked: keeper.refresh()

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
                message: page.keeper.errorText
                Layout.fillWidth: true
            }
            Repeater {
                model: page.keeper.notices
                delegate: Rectangle {
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.preferredHeight: noticeRow.implicitHeight + 2 * Theme.gap
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.waiting
                    border.width: Math.max(3, 4 * Theme.unit)
                    RowLayout {
                        id: noticeRow
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        spacing: Theme.gap
                        AppIcon {
                            name: "alert-triangle"
                            tint: Theme.waiting
                            Layout.preferredWidth: Theme.touch * 0.6
                            Layout.preferredHeight: Theme.touch * 0.6
                        }
                        Text {
                            text: modelData.text
                            color: Theme.text
                            font.pixelSize: Theme.bodySize
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        BigButton {
                            objectName: "acknowledgeNotice"
                            text: qsTr("Got it")
                            primary: false
                            onClicked: page.keeper.acknowledge(modelData.id)
                        }
                    }
                }
            }
            RowLayout {
                spacing: Theme.margin * 2
                Repeater {
                    model: page.keeper.headlines
                    delegate: ColumnLayout {
                        id: headline
                        required property var modelData
                        required property int index
                        spacing: 0
                        Text {
                            objectName: headline.modelData.name
                            text: String(headline.modelData.value)
                            color: headline.index === 0 ? Theme.brand : Theme.text
                            font.pixelSize: Theme.boardSize
                            font.bold: true
                        }
                        Text {
                            text: headline.modelData.label
                            color: Theme.text
                            font.pixelSize: Theme.bodySize
                        }
                    }
                }
                Item { Layout.fillWidth: true }
                Text {
                    text: page.keeper.dayText
                    color: Theme.muted
                    font.pixelSize: Theme.bodySize
                    Layout.alignment: Qt.AlignBottom
                }
            }
            GridLayout {
                columns: page.landscape ? 2 : 1
                columnSpacing: Theme.margin * 2
                rowSpacing: Theme.gap
                Layout.fillWidth: true

                Repeater {
                    model: page.keeper.tables
                    delegate: ColumnLayout {
                        id: table
                        required property var modelData
                        spacing: Theme.gap * 0.4
                        Layout.fillWidth: true
                        Layout.alignment: Qt.AlignTop
                        Text {
                            text: table.modelData.title
                            color: Theme.text
                            font.pixelSize: Theme.bodySize
                            font.bold: true
                        }
                        Repeater {
                            model: table.modelData.rows
                            delegate: RowLayout {
                                required property var modelData
                                Layout.fillWidth: true
                                Text {
                                    text: modelData.label
                                    color: Theme.text
                                    font.pixelSize: Theme.bodySize
                                    Layout.fillWidth: true
                                }
                                Text {
                                    text: String(modelData.count)
                                    color: Theme.text
                                    font.pixelSize: Theme.titleSize
                                    font.bold: true
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
