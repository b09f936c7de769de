import QtQuick
import QtQuick.Layouts
import "../components"

PageFrame {
    id: page

    readonly property bool landscape: width > height

    title: qsTr("Keeper menu")
    actionText: qsTr("Lock and go home")
    actionIcon: "lock"
    onActionClicked: kiosk.goHome()

    GridLayout {
        anchors.fill: parent
        columns: page.landscape ? 3 : 2
        rowSpacing: Theme.gap * 1.5
        columnSpacing: Theme.gap * 1.5

        Tile {
            objectName: "menuToday"
            text: qsTr("Today")
            help: qsTr("Visits by work and purpose")
            iconName: "chart-bar"
            primary: false
            Layout.fillWidth: true
            Layout.fillHeight: true
            onClicked: page.kiosk.openKeeper()
        }
        // Each capability's keeper pages.
        Repeater {
            model: page.kiosk.keeperEntries
            delegate: Tile {
                required property var modelData
                objectName: modelData.objectName
                text: modelData.title
                help: modelData.help
                iconName: modelData.icon
                primary: false
                Layout.fillWidth: true
                Layout.fillHeight: true
                onClicked: page.kiosk.openKeeperPage(modelData.page)
            }
        }
        Tile {
            objectName: "menuSync"
            text: qsTr("County sync")
            help: qsTr("Last sync and refused records")
            iconName: "cloud"
            primary: false
            Layout.fillWidth: true
            Layout.fillHeight: true
            onClicked: page.kiosk.openKeeperPage("keeper.sync")
        }
        Tile {
            objectName: "menuDiagnostics"
            text: qsTr("Diagnostics")
            help: qsTr("Database, keyring, disk, version")
            iconName: "list-check"
            primary: false
            Layout.fillWidth: true
            Layout.fillHeight: true
            onClicked: page.kiosk.openDiagnostics()
        }
        Tile {
            objectName: "menuSettings"
            text: qsTr("Settings")
            help: qsTr("County server, enrolment, keeper PIN")
            iconName: "settings"
            primary: false
            Layout.fillWidth: true
            Layout.fillHeight: true
            onClicked: page.kiosk.openKeeperPage("setup")
        }
        Tile {
            objectName: "menuExit"
            text: qsTr("Exit kiosk")
            help: qsTr("Close the app, for maintenance")
            iconName: "x"
            primary: false
            Layout.fillWidth: true
            Layout.fillHeight: true
            onClicked: page.kiosk.exitKiosk()
        }
    }
}
