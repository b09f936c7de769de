import QtQuick
import QtQuick.Controls.Basic

// A key that keeps the rules: 200×110, 34 px dark text on white.
AbstractButton {
    id: key
    width: 200
    height: 110
    background: Rectangle {
        color: "#FFFFFF"
        border.color: "#D9C7B8"
        border.width: 3
    }
    contentItem: Text {
        text: key.text
        color: "#1F1F1F"
        font.pixelSize: 34
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
}
