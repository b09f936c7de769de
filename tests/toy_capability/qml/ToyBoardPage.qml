import QtQuick
import "../../../kiosk/ui/qml/components"

PageFrame {
    title: "Toy board"
    Text {
        objectName: "toyBoard"
        text: "board"
        font.pixelSize: Theme.boardSize
    }
}
