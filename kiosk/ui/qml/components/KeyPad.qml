import QtQuick
import QtQuick.Layouts

// Digits for phone numbers and codes, so no system keyboard is needed.
GridLayout {
    id: pad

    signal digit(string value)
    signal backspace
    signal cleared

    columns: 3
    rowSpacing: Theme.targetGap
    columnSpacing: Theme.targetGap

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        delegate: BigButton {
            required property string modelData
            objectName: "key_" + modelData
            text: modelData
            labelSize: Theme.displaySize * 0.7
            primary: false
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.preferredHeight: Theme.touch * 1.1
            onClicked: pad.digit(modelData)
        }
    }
    BigButton {
        objectName: "key_clear"
        text: qsTr("Clear")
        primary: false
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredHeight: Theme.touch * 1.1
        onClicked: pad.cleared()
    }
    BigButton {
        objectName: "key_0"
        text: "0"
        labelSize: Theme.displaySize * 0.7
        primary: false
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredHeight: Theme.touch * 1.1
        onClicked: pad.digit("0")
    }
    BigButton {
        objectName: "key_backspace"
        text: qsTr("Delete")
        iconName: "backspace"
        primary: false
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredHeight: Theme.touch * 1.1
        onClicked: pad.backspace()
    }
}
