import QtQuick
import QtQuick.Layouts

// 1 Phone · 2 Work · 3 Why: where the driver is in a short flow.
RowLayout {
    id: steps

    property var labels: []
    property int current: 0

    spacing: Theme.gap

    Repeater {
        model: steps.labels
        delegate: RowLayout {
            id: step
            required property int index
            required property string modelData
            spacing: Theme.gap * 0.5

            Rectangle {
                Layout.preferredWidth: Theme.bodySize * 1.6
                Layout.preferredHeight: Theme.bodySize * 1.6
                radius: width / 2
                color: step.index <= steps.current ? Theme.brand : Theme.surface
                border.color: step.index <= steps.current ? Theme.brand : Theme.line
                border.width: Math.max(2, 3 * Theme.unit)
                Text {
                    anchors.centerIn: parent
                    text: step.index < steps.current ? "✓" : String(step.index + 1)
                    color: step.index <= steps.current ? Theme.brandText : Theme.muted
                    font.pixelSize: Theme.bodySize
                    font.bold: true
                }
            }
            Text {
                text: step.modelData
                color: step.index === steps.current ? Theme.text : Theme.muted
                font.pixelSize: Theme.bodySize
                font.bold: step.index === steps.current
            }
        }
    }
}
