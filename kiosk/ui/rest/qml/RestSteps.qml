import QtQuick
import "../../qml/components"

// 1 Seat · 2 How long · 3 Done
ProgressSteps {
    labels: [qsTr("Seat"), qsTr("How long"), qsTr("Done")]
}
