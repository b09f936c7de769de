import QtQuick
import QtQuick.Layouts

// The same Back and Home, in the same place, on every page. A title too long for its line
// (portrait, large text) gets smaller, down to the least a title may be.
Rectangle {
    id: bar

    property string title
    property bool canGoBack: true
    signal backRequested
    signal homeRequested

    implicitHeight: Theme.touch + 2 * Theme.gap
    color: Theme.brand

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.gap
        anchors.rightMargin: Theme.gap
        spacing: Theme.gap

        BigButton {
            objectName: "backButton"
            text: qsTr("Back")
            iconName: "arrow-left"
            primary: false
            visible: bar.canGoBack
            onClicked: bar.backRequested()
        }
        Text {
            text: bar.title
            color: Theme.brandText
            font.pixelSize: Theme.titleSize
            font.bold: true
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.minTitleSize
            horizontalAlignment: Text.AlignHCenter
            Layout.fillWidth: true
        }
        BigButton {
            objectName: "homeButton"
            text: qsTr("Home")
            iconName: "home"
            primary: false
            onClicked: bar.homeRequested()
        }
    }
}
