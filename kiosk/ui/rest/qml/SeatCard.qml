import QtQuick
import QtQuick.Layouts
import "../../qml/components"

// One seat: its number, kind and state in words (never colour alone); for a rest going on the
// minutes left in board-sized numbers; once the time is up, what the page puts in `actions`
// (the board's 我醒了 and 再歇 10 分钟). Tappable, with feedback on press, only when asked.
Rectangle {
    id: card

    required property var seat
    property bool tappable: false
    // On the seat choice page: minutes left in the state line, so every seat fits on screen;
    // the board shows them at board size.
    property bool compact: false
    // The board's once-a-second blink of a seat whose time is up (words say it as well).
    property bool flash: false
    default property alias actions: actionColumn.data
    signal tapped

    readonly property bool waking: seat.waking
    readonly property bool resting: seat.state === "resting"
    readonly property color stateColor: seat.state === "free" ? Theme.done
                                        : (resting ? Theme.waiting
                                        : (seat.state === "out_of_service" ? Theme.unknown : Theme.error))

    implicitWidth: Theme.touch * 2.8
    implicitHeight: column.implicitHeight + Theme.gap * 1.2
    radius: Theme.radius
    color: press.pressed ? Theme.surfacePressed
                         : (waking && !flash ? Theme.errorSurface : Theme.surface)
    border.width: waking ? Math.max(4, 6 * Theme.unit) : Math.max(2, 3 * Theme.unit)
    border.color: waking ? Theme.error : Theme.line
    opacity: seat.state === "out_of_service" ? 0.8 : 1

    MouseArea {
        id: press
        anchors.fill: parent
        enabled: card.tappable
        onClicked: card.tapped()
    }

    ColumnLayout {
        id: column
        anchors.top: parent.top
        anchors.topMargin: Theme.gap * 0.6
        anchors.horizontalCenter: parent.horizontalCenter
        width: parent.width - Theme.gap
        spacing: Theme.gap * 0.3

        RowLayout {
            spacing: Theme.gap * 0.4
            Layout.fillWidth: true
            AppIcon {
                name: card.seat.icon
                tint: Theme.brand
                Layout.preferredWidth: Theme.touch * 0.55
                Layout.preferredHeight: Theme.touch * 0.55
            }
            Text {
                objectName: "seatNumber_" + card.seat.number
                text: card.seat.number
                color: Theme.text
                font.pixelSize: Theme.displaySize * 0.85
                font.bold: true
            }
            Text {
                text: card.seat.kind + (card.seat.zone !== "" ? "\n" + card.seat.zone : "")
                color: Theme.muted
                font.pixelSize: Theme.smallSize
                horizontalAlignment: Text.AlignRight
                wrapMode: Text.WordWrap
                Layout.fillWidth: true
            }
        }
        RowLayout {
            visible: card.resting && !card.compact
            spacing: Theme.gap * 0.4
            Layout.alignment: Qt.AlignHCenter
            Text {
                objectName: "seatMinutes_" + card.seat.number
                text: card.seat.big
                color: card.stateColor
                font.pixelSize: Theme.boardSize
                font.bold: true
            }
            Text {
                text: card.seat.unit
                color: Theme.text
                font.pixelSize: Theme.bodySize
                Layout.alignment: Qt.AlignBaseline
            }
        }
        Text {
            objectName: "seatState_" + card.seat.number
            text: card.seat.stateLabel + (card.seat.small !== "" ? " " + card.seat.small : "")
                  + (card.compact && card.resting ? " " + card.seat.big + " " + card.seat.unit : "")
            color: card.stateColor
            font.pixelSize: card.seat.free ? Theme.titleSize : Theme.bodySize
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            Layout.fillWidth: true
        }
        ColumnLayout {
            id: actionColumn
            spacing: Theme.targetGap
            Layout.fillWidth: true
        }
    }
}
