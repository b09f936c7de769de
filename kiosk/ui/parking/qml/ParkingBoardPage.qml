import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// Free bays now and for the coming hours, in numbers big enough to read from 3 m.
PageFrame {
    id: page

    readonly property QtObject parking: kiosk.vm.parking

    title: qsTr("Free bays")
    actionText: qsTr("Refresh")
    actionIcon: "refresh"
    onActionClicked: parking.refreshBoard()

    Flickable {
        anchors.fill: parent
        contentHeight: board.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

    ColumnLayout {
        id: board
        width: parent.width
        spacing: Theme.gap

        RowLayout {
            spacing: Theme.gap * 1.5
            Layout.fillWidth: true
            Repeater {
                model: page.parking.board.length > 0 ? page.parking.board[0].counts : []
                delegate: Rectangle {
                    required property var modelData
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.boardSize * 2.6
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.line
                    border.width: Math.max(2, 3 * Theme.unit)
                    ColumnLayout {
                        anchors.centerIn: parent
                        spacing: 0
                        Text {
                            objectName: "boardNow_" + modelData.key
                            text: String(modelData.free)
                            color: modelData.free > 0 ? Theme.done : Theme.error
                            font.pixelSize: Theme.boardSize * 1.4
                            font.bold: true
                            Layout.alignment: Qt.AlignHCenter
                        }
                        Text {
                            text: modelData.label + (modelData.free > 0 ? "" : " · " + qsTr("full"))
                            color: Theme.text
                            font.pixelSize: Theme.titleSize
                            font.bold: true
                            Layout.alignment: Qt.AlignHCenter
                        }
                    }
                }
            }
        }
        Text {
            text: qsTr("Coming hours")
            color: Theme.text
            font.pixelSize: Theme.titleSize
            font.bold: true
            Layout.topMargin: Theme.gap
        }
        Repeater {
            model: page.parking.board.slice(1)
            delegate: RowLayout {
                id: hourRow
                required property var modelData
                spacing: Theme.gap
                Layout.fillWidth: true
                Text {
                    text: hourRow.modelData.label
                    color: Theme.text
                    font.pixelSize: Theme.titleSize
                    wrapMode: Text.WordWrap
                    Layout.preferredWidth: Theme.touch * 3.2
                }
                Repeater {
                    model: hourRow.modelData.counts
                    delegate: Text {
                        required property var modelData
                        text: modelData.label + " " + modelData.free
                        color: modelData.free > 0 ? Theme.text : Theme.error
                        font.pixelSize: Theme.titleSize
                        font.bold: true
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                        Layout.preferredWidth: implicitWidth
                    }
                }
            }
        }
    }
    }
}
