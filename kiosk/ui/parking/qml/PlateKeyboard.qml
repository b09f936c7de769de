import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// The plate keyboard: provinces first (湘 first and widest), then letters without I and O,
// digits, and the special suffixes when the last character is due. Its keys are as tall as a
// touch target where there is room and shrink (down to UI.md's minimum) where there is not, so
// the page's main action below it keeps its place.
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

    spacing: Theme.targetGap

    GridLayout {
        visible: keyboard.provinceStage
        columns: keyboard.wide ? 11 : 7
        rowSpacing: Theme.targetGap
        columnSpacing: Theme.targetGap
        Layout.fillWidth: true
        Layout.fillHeight: true

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
                Layout.fillHeight: true
                Layout.preferredWidth: Theme.touch
                Layout.minimumHeight: Theme.minTouch
                Layout.preferredHeight: Theme.minTouch
                Layout.maximumHeight: Theme.touch
                onClicked: keyboard.key(modelData)
            }
        }
    }

    GridLayout {
        visible: !keyboard.provinceStage
        columns: keyboard.wide ? 13 : 9
        rowSpacing: Theme.targetGap
        columnSpacing: Theme.targetGap
        Layout.fillWidth: true
        Layout.fillHeight: true

        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0"].concat(keyboard.letters)
            delegate: BigButton {
                required property string modelData
                objectName: "plate_" + modelData
                text: modelData
                primary: false
                labelSize: Theme.titleSize
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.preferredWidth: Theme.touch
                Layout.minimumHeight: Theme.minTouch
                Layout.preferredHeight: Theme.minTouch
                Layout.maximumHeight: Theme.touch
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
                Layout.fillHeight: true
                Layout.preferredWidth: Theme.touch
                Layout.minimumHeight: Theme.minTouch
                Layout.preferredHeight: Theme.minTouch
                Layout.maximumHeight: Theme.touch
                onClicked: keyboard.key(modelData)
            }
        }
    }

    RowLayout {
        spacing: Theme.targetGap
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: Theme.minTouch
        Layout.preferredHeight: Theme.minTouch
        Layout.maximumHeight: Theme.touch

        Chip {
            objectName: "newEnergyToggle"
            text: qsTr("New energy (8)")
            selected: keyboard.newEnergy
            Layout.fillHeight: true
            onClicked: keyboard.newEnergyToggled()
        }
        Item { Layout.fillWidth: true }
        BigButton {
            objectName: "plate_clear"
            text: qsTr("Clear")
            primary: false
            Layout.fillHeight: true
            onClicked: keyboard.cleared()
        }
        BigButton {
            objectName: "plate_backspace"
            text: qsTr("Delete")
            iconName: "backspace"
            primary: false
            Layout.fillHeight: true
            onClicked: keyboard.backspace()
        }
    }
}
