import QtQuick
import QtQuick.Layouts
import "../../../kiosk/ui/qml/components"

PageFrame {
    id: page

    readonly property QtObject toy: kiosk.vm.toy

    title: "Toy"
    actionText: "Note"
    actionIcon: "check"
    onActionClicked: toy.note("tapped")

    ColumnLayout {
        anchors.fill: parent
        ErrorBanner {
            message: page.toy.errorText
            Layout.fillWidth: true
        }
        Text {
            objectName: "toyCount"
            text: String(page.toy.notes)
            font.pixelSize: Theme.boardSize
        }
        Text {
            objectName: "toyDriver"
            text: page.toy.driver
            font.pixelSize: Theme.bodySize
        }
    }
}
