import QtQuick
import QtQuick.Layouts

// "Still there?" before the kiosk clears what was typed and goes home.
Rectangle {
    id: overlay

    property int secondsLeft: 10
    signal stayRequested

    color: "#CC1F1F1F"

    // Swallow taps on the dimmed page underneath; any touch also counts as activity.
    MouseArea {
        anchors.fill: parent
        onClicked: overlay.stayRequested()
    }

    Rectangle {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.touch * 9)
        height: column.implicitHeight + 2 * Theme.margin
        radius: Theme.radius * 1.4
        color: Theme.surface

        ColumnLayout {
            id: column
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.gap

            AppIcon {
                name: "hourglass"
                tint: Theme.waiting
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Theme.touch
                Layout.preferredHeight: Theme.touch
            }
            Text {
                text: qsTr("Still there?")
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
                Layout.alignment: Qt.AlignHCenter
            }
            Text {
                objectName: "idleCountdown"
                text: String(overlay.secondsLeft)
                color: Theme.waiting
                font.pixelSize: Theme.boardSize
                font.bold: true
                Layout.alignment: Qt.AlignHCenter
            }
            Text {
                text: qsTr("In %n second(s) the kiosk goes home and clears what you typed.", "", overlay.secondsLeft)
                color: Theme.text
                font.pixelSize: Theme.bodySize
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
            BigButton {
                objectName: "stayButton"
                text: qsTr("I'm still here")
                Layout.fillWidth: true
                onClicked: overlay.stayRequested()
            }
        }
    }
}
