import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts

// One choice among several; chosen shows a tick and a thick border, never colour alone.
AbstractButton {
    id: choice

    property string iconName
    property bool selected: false

    focusPolicy: Qt.NoFocus
    implicitHeight: Theme.touch * 1.6
    implicitWidth: Theme.touch * 3

    background: Rectangle {
        radius: Theme.radius
        color: choice.down ? Theme.surfacePressed : (choice.selected ? Theme.selected : Theme.surface)
        border.width: choice.selected ? Math.max(4, 6 * Theme.unit) : Math.max(2, 3 * Theme.unit)
        border.color: choice.selected ? Theme.brand : Theme.line
    }

    // Tall tiles (a grid filling the page) stack the icon over the words.
    readonly property bool stacked: height > Theme.touch * 2.2

    contentItem: Item {
        RowLayout {
            visible: !choice.stacked
            anchors.fill: parent
            spacing: Theme.gap * 0.6
            AppIcon {
                visible: choice.iconName !== ""
                name: choice.iconName
                tint: Theme.brand
                Layout.leftMargin: Theme.gap
                Layout.preferredWidth: Theme.touch * 0.7
                Layout.preferredHeight: Theme.touch * 0.7
            }
            // Words wrap between them; a label of one word (网约车司机, Ride-hailing) is never
            // broken: it gets a little smaller instead, down to the small text size.
            Text {
                text: choice.text
                color: Theme.text
                font.pixelSize: Theme.buttonSize
                font.bold: choice.selected
                wrapMode: choice.text.indexOf(" ") >= 0 ? Text.WordWrap : Text.NoWrap
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: Theme.smallSize
                verticalAlignment: Text.AlignVCenter
                Layout.fillWidth: true
                Layout.leftMargin: choice.iconName === "" ? Theme.gap : 0
                Layout.rightMargin: Theme.gap
            }
        }
        // The tick in the corner, so that it takes no room from the words.
        AppIcon {
            visible: choice.selected && !choice.stacked
            name: "circle-check"
            tint: Theme.brand
            anchors.top: parent.top
            anchors.right: parent.right
            anchors.margins: Theme.gap * 0.4
            width: Theme.touch * 0.4
            height: Theme.touch * 0.4
        }
        ColumnLayout {
            visible: choice.stacked
            anchors.centerIn: parent
            width: parent.width
            spacing: Theme.gap * 0.5
            AppIcon {
                visible: choice.iconName !== ""
                name: choice.iconName
                tint: Theme.brand
                Layout.alignment: Qt.AlignHCenter
                Layout.preferredWidth: Theme.touch * 1.1
                Layout.preferredHeight: Theme.touch * 1.1
            }
            Text {
                text: (choice.selected ? "✓ " : "") + choice.text
                color: Theme.text
                font.pixelSize: Theme.titleSize
                font.bold: true
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                Layout.fillWidth: true
            }
        }
    }
}
