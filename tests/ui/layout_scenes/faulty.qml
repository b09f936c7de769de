import QtQuick
import QtQuick.Controls.Basic

// A page with a key too small and text too small and too pale: the check must fail.
Window {
    width: 1920
    height: 1080
    color: "#FFF8F2"

    AbstractButton {
        objectName: "tinyKey"
        x: 100
        y: 100
        width: 60
        height: 60
        background: Rectangle { color: "#FFFFFF" }
    }
    Text {
        objectName: "paleText"
        x: 100
        y: 300
        text: "hard to read"
        color: "#BBBBBB"
        font.pixelSize: 18
    }
}
