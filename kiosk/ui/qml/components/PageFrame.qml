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
    default property alias content: body.data
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
        Item {
            id: body
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: Theme.margin
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
