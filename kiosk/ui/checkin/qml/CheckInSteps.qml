import QtQuick
import "../../qml/components"

// 1 Phone · 2 Work · 3 Why
ProgressSteps {
    labels: [qsTr("Phone"), qsTr("Work"), qsTr("Why")]
}
