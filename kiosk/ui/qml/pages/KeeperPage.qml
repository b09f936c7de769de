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
                    // In portrait "Got it" goes under the words, which get the card's width.
                    GridLayout {
                        id: noticeRow
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        columns: page.landscape ? 3 : 2
                        columnSpacing: Theme.gap
                        rowSpacing: Theme.gap
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
                            Layout.columnSpan: page.landscape ? 1 : 2
                            Layout.alignment: Qt.AlignRight
                            onClicked: page.keeper.acknowledge(modelData.id)
                        }
                    }
                }
            }
            DayFigures {
                headlines: page.keeper.headlines
                tables: page.keeper.tables
                dayText: page.keeper.dayText
                landscape: page.landscape
                Layout.fillWidth: true
            }
        }
    }
}
