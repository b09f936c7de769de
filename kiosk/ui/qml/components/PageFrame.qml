import QtQuick
import QtQuick.Layouts

// Every page: title bar on top, its content, and its one main action at the bottom.
Rectangle {
    id: frame

    required property QtObject kiosk
    property string title
    property string actionText
    property string actionIcon
    property bool actionEnabled: true
    property bool showAction: actionText !== ""
    default property alias content: body.flickableData
    signal actionClicked

    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        TitleBar {
            title: frame.title
            canGoBack: frame.kiosk.nav.canGoBack
            Layout.fillWidth: true
            onBackRequested: frame.kiosk.nav.back()
            onHomeRequested: frame.kiosk.goHome()
        }
        // The page's content fills the room between the bars; where it needs more (large text,
        // a notice at the bottom of the window) it scrolls by flicking, and never slides under
        // the main action.
        Flickable {
            id: body
            objectName: "pageBody"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.margin
            clip: true
            contentWidth: width
            // As tall as the room, or as the tallest piece of content needs.
            contentHeight: {
                let most = height
                for (let i = 0; i < contentItem.children.length; ++i)
                    most = Math.max(most, contentItem.children[i].implicitHeight)
                return most
            }
            interactive: contentHeight > height + 1
            boundsBehavior: Flickable.StopAtBounds
        }
        BigButton {
            objectName: "mainAction"
            visible: frame.showAction
            text: frame.actionText
            iconName: frame.actionIcon
            enabled: frame.actionEnabled
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch * 1.2
            Layout.leftMargin: Theme.margin
            Layout.rightMargin: Theme.margin
            Layout.bottomMargin: Theme.margin
            onClicked: frame.actionClicked()
        }
    }
}
