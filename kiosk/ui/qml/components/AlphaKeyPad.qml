import QtQuick
import QtQuick.Layouts

// Digits and letters for flight numbers and pinyin initials, without a system keyboard.
ColumnLayout {
    id: pad

    // Ten keys a row where ten fit at UI.md's least target width with their gaps, else seven.
    readonly property bool wide: width >= 10 * Theme.minTouch + 9 * Theme.targetGap
    signal key(string value)
    signal backspace
    signal cleared

    spacing: Theme.targetGap

    GridLayout {
        columns: pad.wide ? 10 : 7
        rowSpacing: Theme.targetGap
        columnSpacing: Theme.targetGap
        Layout.fillWidth: true

        Repeater {
            model: "1234567890ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("")
            delegate: BigButton {
                required property string modelData
                objectName: "alpha_" + modelData
                text: modelData
                primary: false
                labelSize: Theme.titleSize
                Layout.fillWidth: true
                Layout.preferredWidth: Theme.touch
                onClicked: pad.key(modelData)
            }
        }
        BigButton {
            objectName: "alpha_clear"
            text: qsTr("Clear")
            primary: false
            labelSize: Theme.bodySize
            Layout.columnSpan: pad.wide ? 2 : 1
            Layout.fillWidth: true
            Layout.preferredWidth: Theme.touch
            onClicked: pad.cleared()
        }
        BigButton {
            objectName: "alpha_backspace"
            iconName: "backspace"
            primary: false
            Layout.columnSpan: pad.wide ? 2 : 1
            Layout.fillWidth: true
            Layout.preferredWidth: Theme.touch
            onClicked: pad.backspace()
        }
    }

}
