import QtQuick
import QtQuick.Layouts

// A station day's figures from every capability: the headline numbers, then each table.
ColumnLayout {
    id: figures

    property var headlines: []
    property var tables: []
    property string dayText
    property bool landscape: width > height

    spacing: Theme.gap

    Text {
        visible: figures.dayText !== ""
        text: figures.dayText
        color: Theme.muted
        font.pixelSize: Theme.bodySize
    }
    // As many figures to a row as fit: a narrow screen wraps them rather than cut them off.
    Flow {
        spacing: Theme.margin * 2
        Layout.fillWidth: true
        Repeater {
            model: figures.headlines
            delegate: Column {
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
    }
    GridLayout {
        columns: figures.landscape ? 2 : 1
        columnSpacing: Theme.margin * 2
        rowSpacing: Theme.gap
        Layout.fillWidth: true

        Repeater {
            model: figures.tables
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
