import QtQuick
import QtQuick.Layouts
import "../components"

Rectangle {
    id: page

    required property QtObject kiosk
    readonly property bool landscape: width > height

    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        // Station name and the time.
        Rectangle {
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch * 1.6
            color: Theme.brand

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: Theme.margin
                anchors.rightMargin: Theme.margin
                spacing: Theme.gap

                Text {
                    objectName: "stationName"
                    text: page.kiosk.station.stationName
                    color: Theme.brandText
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                    elide: Text.ElideRight
                    Layout.fillWidth: true
                }
                ColumnLayout {
                    spacing: 0
                    Text {
                        objectName: "clockText"
                        text: page.kiosk.station.timeText
                        color: Theme.brandText
                        font.pixelSize: Theme.titleSize * 1.2
                        font.bold: true
                        Layout.alignment: Qt.AlignRight
                    }
                    Text {
                        text: page.kiosk.station.dateText
                        color: Theme.brandText
                        font.pixelSize: Theme.smallSize
                        Layout.alignment: Qt.AlignRight
                    }
                }
            }
        }

        // Status strip: language, large text, sync state, and a word for the keeper when needed.
        Flow {
            Layout.fillWidth: true
            Layout.margins: Theme.margin
            Layout.bottomMargin: 0
            spacing: Theme.gap

            Chip {
                objectName: "languageChinese"
                text: "中文"
                selected: page.kiosk.language.chinese
                onClicked: page.kiosk.language.setLanguage("zh_CN")
            }
            Chip {
                objectName: "languageEnglish"
                text: "English"
                selected: !page.kiosk.language.chinese
                onClicked: page.kiosk.language.setLanguage("en")
            }
            Chip {
                objectName: "largeTextSwitch"
                text: qsTr("Large text")
                selected: page.kiosk.station.largeText
                onClicked: page.kiosk.station.setLargeText(!page.kiosk.station.largeText)
            }
            // Sync state in a word and an icon, never colour alone.
            RowLayout {
                objectName: "syncIndicator"
                height: Theme.touch
                spacing: Theme.gap * 0.4
                AppIcon {
                    name: page.kiosk.sync.syncing ? "refresh" : page.kiosk.sync.online ? "cloud" : "cloud-off"
                    tint: page.kiosk.sync.online ? Theme.done : Theme.unknown
                    Layout.preferredWidth: Theme.bodySize * 1.4
                    Layout.preferredHeight: Theme.bodySize * 1.4
                }
                Text {
                    objectName: "syncStateText"
                    text: page.kiosk.sync.stateText + " · " + page.kiosk.sync.pendingText
                    color: page.kiosk.sync.online ? Theme.done : Theme.unknown
                    font.pixelSize: Theme.smallSize
                }
            }
            RowLayout {
                visible: page.kiosk.station.hasNotices
                height: Theme.touch
                spacing: Theme.gap * 0.4
                AppIcon {
                    name: "alert-triangle"
                    tint: Theme.waiting
                    Layout.preferredWidth: Theme.bodySize * 1.4
                    Layout.preferredHeight: Theme.bodySize * 1.4
                }
                Text {
                    objectName: "keeperNoticeHint"
                    text: qsTr("Note for the keeper")
                    color: Theme.waiting
                    font.pixelSize: Theme.smallSize
                    font.bold: true
                }
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.margin
            columns: page.landscape ? 2 : 1
            rowSpacing: Theme.gap * 1.5
            columnSpacing: Theme.gap * 1.5

            Tile {
                objectName: "tileCheckIn"
                text: qsTr("Check in")
                help: qsTr("Tap here when you arrive")
                iconName: "user-check"
                Layout.fillWidth: true
                Layout.fillHeight: true
                onClicked: page.kiosk.checkIn.start()
            }
            Tile {
                objectName: "tileParking"
                visible: page.kiosk.hasParking
                text: qsTr("Parking")
                help: qsTr("Book a bay, or say you are here")
                iconName: "parking"
                Layout.fillWidth: true
                Layout.fillHeight: true
                onClicked: page.kiosk.parking.open()
            }
            Tile {
                objectName: "tileFlights"
                visible: page.kiosk.hasFlights
                text: qsTr("Flights")
                help: qsTr("When your passengers come out")
                iconName: "plane-arrival"
                Layout.fillWidth: true
                Layout.fillHeight: true
                onClicked: page.kiosk.flights.open()
            }
            Tile {
                objectName: "tileStation"
                text: qsTr("This station")
                help: qsTr("Opening hours and what is here")
                iconName: "building-community"
                primary: false
                Layout.fillWidth: true
                Layout.fillHeight: true
                onClicked: page.kiosk.nav.go("station")
            }
        }

        // What the station offers, at a glance.
        Flow {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.bottomMargin: Theme.margin
            spacing: Theme.gap

            Repeater {
                model: page.kiosk.station.facilities
                delegate: RowLayout {
                    required property var modelData
                    spacing: Theme.gap * 0.3
                    AppIcon {
                        name: modelData.icon
                        tint: Theme.brand
                        Layout.preferredWidth: Theme.bodySize * 1.3
                        Layout.preferredHeight: Theme.bodySize * 1.3
                    }
                    Text {
                        text: modelData.count !== "" ? modelData.label + " " + modelData.count : modelData.label
                        color: Theme.muted
                        font.pixelSize: Theme.smallSize
                    }
                }
            }
        }
    }
}
