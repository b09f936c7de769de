import QtQuick
import QtQuick.Window
import "components"

// The window when the kiosk cannot even start on its disk: the paused screen alone, until a
// write works and the kiosk proper opens.
Window {
    id: root

    required property QtObject pause
    required property QtObject language

    width: 1920
    height: 1080
    color: Theme.background
    title: qsTr("Red Home")

    Binding {
        target: Theme
        property: "shortSide"
        value: Math.min(root.width, root.height)
    }

    StoragePausedScreen {
        objectName: "storagePausedScreen"
        anchors.fill: parent
        pause: root.pause
        language: root.language
    }
}
