import QtQuick
import QtQuick.Layouts
import "../components"

PageFrame {
    id: page

    title: qsTr("This station")
    actionText: qsTr("Back to home")
    actionIcon: "home"
    onActionClicked: page.kiosk.goHome()

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        Text {
            text: page.kiosk.station.stationName
            color: Theme.text
            font.pixelSize: Theme.titleSize
            font.bold: true
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        RowLayout {
            spacing: Theme.gap * 0.5
            Layout.fillWidth: true
            AppIcon {
                name: "map-pin"
                tint: Theme.brand
                Layout.preferredWidth: Theme.bodySize * 1.4
                Layout.preferredHeight: Theme.bodySize * 1.4
            }
            Text {
                text: page.kiosk.station.address
                color: Theme.text
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        RowLayout {
            spacing: Theme.gap * 0.5
            visible: page.kiosk.station.openingHours !== ""
            AppIcon {
                name: "clock"
                tint: Theme.brand
                Layout.preferredWidth: Theme.bodySize * 1.4
                Layout.preferredHeight: Theme.bodySize * 1.4
            }
            Text {
                text: page.kiosk.station.openingHours
                color: Theme.text
                font.pixelSize: Theme.bodySize
                font.bold: true
            }
        }
        GridLayout {
            columns: page.width > page.height ? 3 : 2
            rowSpacing: Theme.gap
            columnSpacing: Theme.gap
            Layout.fillWidth: true
            Layout.topMargin: Theme.gap

            Repeater {
                model: page.kiosk.station.facilities
                delegate: Rectangle {
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch * 1.2
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.line
                    border.width: Math.max(2, 3 * Theme.unit)

                    RowLayout {
                        anchors.fill: parent
                        anchors.margins: Theme.gap
                        spacing: Theme.gap * 0.6
                        AppIcon {
                            name: modelData.icon
                            tint: Theme.brand
                            Layout.preferredWidth: Theme.touch * 0.6
                            Layout.preferredHeight: Theme.touch * 0.6
                        }
                        Text {
                            text: modelData.label
                            color: Theme.text
                            font.pixelSize: Theme.bodySize
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        Text {
                            visible: modelData.count !== ""
                            text: modelData.count
                            color: Theme.brand
                            font.pixelSize: Theme.titleSize
                            font.bold: true
                        }
                    }
                }
            }
        }
        Item { Layout.fillHeight: true }
    }
}
