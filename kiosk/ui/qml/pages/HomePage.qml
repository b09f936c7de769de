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
            // Room for a long station name on two lines (portrait, large text).
            Layout.preferredHeight: Math.max(Theme.touch * 1.6, headerRow.implicitHeight + 2 * Theme.gap)
            color: Theme.brand

            RowLayout {
                id: headerRow
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
                    wrapMode: Text.WordWrap
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

        // Status strip: language, large text, and the sync state in a word (what waits to upload,
        // and notes for the keeper, are on the keeper's pages: UI.md).
        Flow {
            Layout.fillWidth: true
            Layout.margins: Theme.margin
            Layout.bottomMargin: 0
            spacing: Theme.targetGap

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
                    text: page.kiosk.sync.stateText
                    color: page.kiosk.sync.online ? Theme.done : Theme.unknown
                    font.pixelSize: Theme.smallSize
                }
            }
        }

        // The one attention slot: the most important thing a capability has to say.
        Rectangle {
            id: attentionSlot
            objectName: "attentionSlot"
            readonly property var item: page.kiosk.attentionBoard.homeItem
            visible: item.key !== undefined
            Layout.fillWidth: true
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.topMargin: Theme.gap
            Layout.preferredHeight: visible ? attentionRow.implicitHeight + Theme.gap * 2 : 0
            radius: Theme.radius
            color: Theme.surface
            border.color: Theme.waiting
            border.width: Math.max(3, 4 * Theme.unit)

            RowLayout {
                id: attentionRow
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Theme.gap
                AppIcon {
                    name: attentionSlot.item.icon || "speakerphone"
                    tint: Theme.waiting
                    Layout.preferredWidth: Theme.touch * 0.7
                    Layout.preferredHeight: Theme.touch * 0.7
                }
                ColumnLayout {
                    spacing: 0
                    Layout.fillWidth: true
                    Text {
                        objectName: "attentionSlotTitle"
                        text: attentionSlot.item.title || ""
                        color: Theme.text
                        font.pixelSize: Theme.titleSize
                        font.bold: true
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Text {
                        text: attentionSlot.item.body || ""
                        visible: text !== ""
                        color: Theme.text
                        font.pixelSize: Theme.bodySize
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                }
            }
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.margin
            // The capabilities' tiles and "This station": past four, one more column, so that
            // every tile keeps the height its icon, title and help line need.
            readonly property int tileCount: page.kiosk.tiles.length + 1
            columns: page.landscape ? (tileCount > 4 ? 3 : 2) : (tileCount > 4 ? 2 : 1)
            rowSpacing: Theme.gap * 1.5
            columnSpacing: Theme.gap * 1.5

            // Each capability's tile, in the registry's order, for what this station offers.
            Repeater {
                model: page.kiosk.tiles
                delegate: Tile {
                    required property var modelData
                    objectName: modelData.objectName
                    text: modelData.title
                    help: modelData.help
                    iconName: modelData.icon
                    primary: modelData.primary
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    onClicked: page.kiosk.openTile(modelData.capability)
                }
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
