import QtQuick
import QtQuick.Layouts

// − value +: for a start time or a length of stay, without a keyboard.
RowLayout {
    id: stepper

    property string label
    property string value
    property bool canDecrease: true
    property bool canIncrease: true
    property string name
    signal decrease
    signal increase

    spacing: Theme.gap

    Text {
        text: stepper.label
        color: Theme.text
        font.pixelSize: Theme.bodySize
        font.bold: true
        Layout.preferredWidth: Theme.touch * 2.2
    }
    BigButton {
        objectName: stepper.name + "Minus"
        text: "−"
        labelSize: Theme.titleSize
        primary: false
        enabled: stepper.canDecrease
        Layout.preferredWidth: Theme.touch * 1.2
        onClicked: stepper.decrease()
    }
    Text {
        objectName: stepper.name + "Value"
        text: stepper.value
        color: Theme.text
        font.pixelSize: Theme.titleSize
        font.bold: true
        horizontalAlignment: Text.AlignHCenter
        Layout.preferredWidth: Theme.touch * 4
    }
    BigButton {
        objectName: stepper.name + "Plus"
        text: "+"
        labelSize: Theme.titleSize
        primary: false
        enabled: stepper.canIncrease
        Layout.preferredWidth: Theme.touch * 1.2
        onClicked: stepper.increase()
    }
    Item {
        Layout.fillWidth: true
    }
}
