import QtQuick
import "../../qml/components"

// 1 Bay · 2 Plate · 3 Phone
ProgressSteps {
    labels: [qsTr("Bay"), qsTr("Plate"), qsTr("Phone")]
}
