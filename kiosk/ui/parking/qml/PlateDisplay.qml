import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// One box per character, so a driver sees how many are still to come.
RowLayout {
    id: display

    property string plate
    property int slots: 7
    property bool newEnergy: false
    property bool hasError: false

    spacing: Theme.gap * 0.4

    Repeater {
        model: display.slots
        delegate: Rectangle {
            required property int index
            readonly property string character: index < display.plate.length ? display.plate.charAt(index) : ""
            Layout.preferredWidth: Theme.touch * 0.95
            Layout.preferredHeight: Theme.touch * 1.2
            Layout.leftMargin: index === 2 ? Theme.gap : 0
            radius: Theme.radius * 0.6
            color: display.newEnergy ? "#E8F5E9" : Theme.surface
            border.width: index === display.plate.length ? Math.max(4, 6 * Theme.unit) : Math.max(2, 3 * Theme.unit)
            border.color: display.hasError ? Theme.error
                        : index === display.plate.length ? Theme.brand : Theme.line
            Text {
                anchors.centerIn: parent
                text: parent.character
                color: Theme.text
                font.pixelSize: Theme.titleSize * 1.2
                font.bold: true
            }
        }
    }
}
