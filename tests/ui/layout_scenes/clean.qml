import QtQuick
import QtQuick.Controls.Basic

// A page that keeps every layout rule: the layout check must find nothing here.
Window {
    width: 1920
    height: 1080
    color: "#FFF8F2"

    Rectangle {
        width: parent.width
        height: 140
        color: "#A31919"
        Text {
            objectName: "pageTitle"
            anchors.centerIn: parent
            text: "签到 Check in"
            color: "#FFFFFF"
            font.pixelSize: 44
            font.bold: true
        }
    }
    Column {
        x: 40
        y: 180
        spacing: 20
        Text {
            width: 700
            text: "Tap a key below when you are ready to go on"
            wrapMode: Text.WordWrap
            color: "#1F1F1F"
            font.pixelSize: 28
        }
        Text {
            text: "网约车司机"
            color: "#4A4540"
            font.pixelSize: 28
        }
        Grid {
            columns: 3
            spacing: 20
            Repeater {
                model: ["1", "2", "3", "4", "5", "6"]
                delegate: Key { required property string modelData; text: modelData }
            }
        }
        Rectangle {
            width: 400
            height: 120
            color: "#FFFFFF"
            MouseArea { anchors.fill: parent }
            Text { anchors.centerIn: parent; text: "Help"; color: "#1F1F1F"; font.pixelSize: 28 }
        }
    }
}
