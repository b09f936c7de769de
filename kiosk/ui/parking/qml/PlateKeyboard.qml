import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// The plate keyboard: provinces first (湘 first and widest), then letters without I and O,
// digits, and the special suffixes when the last character is due.
ColumnLayout {
    id: keyboard

    property var provinces: []
    property var letters: []
    property var suffixes: []
    property bool provinceStage: true
    property bool suffixAllowed: false
    property bool newEnergy: false
    readonly property bool wide: width > Theme.touch * 11

    signal key(string value)
    signal backspace
    signal cleared
    signal newEnergyToggled

    spacing: Theme.gap * 0.6

    GridLayout {
        visible: keyboard.provinceStage
        columns: keyboard.wide ? 9 : 7
        rowSpacing: Theme.gap * 0.5
        columnSpacing: Theme.gap * 0.5
        Layout.fillWidth: true

        Repeater {
            model: keyboard.provinces
            delegate: BigButton {
                required property string modelData
                required property int index
                objectName: "plate_" + modelData
                text: modelData
                primary: index === 0
                labelSize: Theme.titleSize
                Layout.columnSpan: index === 0 ? 2 : 1
                Layout.fillWidth: true
                Layout.preferredWidth: Theme.touch
                onClicked: keyboard.key(modelData)
            }
        }
    }

    GridLayout {
        visible: !keyboard.provinceStage
        columns: keyboard.wide ? 12 : 9
        rowSpacing: Theme.gap * 0.5
        columnSpacing: Theme.gap * 0.5
        Layout.fillWidth: true

        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"].concat(keyboard.letters)
            delegate: BigButton {
                required property string modelData
                objectName: "plate_" + modelData
                text: modelData
                primary: false
                labelSize: Theme.titleSize
                Layout.fillWidth: true
                Layout.preferredWidth: Theme.touch
                onClicked: keyboard.key(modelData)
            }
        }
        Repeater {
            model: keyboard.suffixAllowed ? keyboard.suffixes : []
            delegate: BigButton {
                required property string modelData
                objectName: "plate_" + modelData
                text: modelData
                primary: false
                labelSize: Theme.titleSize
                Layout.fillWidth: true
                Layout.preferredWidth: Theme.touch
                onClicked: keyboard.key(modelData)
            }
        }
    }

    RowLayout {
        spacing: Theme.gap * 0.6
        Layout.fillWidth: true

        Chip {
            objectName: "newEnergyToggle"
            text: qsTr("New energy (8)")
            selected: keyboard.newEnergy
            onClicked: keyboard.newEnergyToggled()
        }
        Item { Layout.fillWidth: true }
        BigButton {
            objectName: "plate_clear"
            text: qsTr("Clear")
            primary: false
            onClicked: keyboard.cleared()
        }
        BigButton {
            objectName: "plate_backspace"
            text: qsTr("Delete")
            iconName: "backspace"
            primary: false
            onClicked: keyboard.backspace()
        }
    }
}
