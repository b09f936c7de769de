import QtQuick
import QtQuick.Window
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import "components"

Window {
    id: root

    required property QtObject kiosk

    readonly property var pages: ({
        "home": "pages/HomePage.qml",
        "station": "pages/StationPage.qml",
        "keeper": "pages/KeeperPage.qml",
        "keeper.pin": "pages/KeeperPinPage.qml",
        "keeper.menu": "pages/KeeperMenuPage.qml",
        "keeper.diagnostics": "pages/DiagnosticsPage.qml",
        "keeper.sync": "pages/SyncStatusPage.qml",
        "keeper.parking": "pages/KeeperParkingPage.qml",
        "flights": "pages/FlightsPage.qml",
        "flights.detail": "pages/FlightDetailPage.qml",
        "parking": "pages/ParkingPage.qml",
        "parking.window": "pages/ParkingWindowPage.qml",
        "parking.plate": "pages/ParkingPlatePage.qml",
        "parking.phone": "pages/ParkingPhonePage.qml",
        "parking.code": "pages/ParkingCodePage.qml",
        "parking.done": "pages/ParkingDonePage.qml",
        "parking.board": "pages/ParkingBoardPage.qml",
        "call-keeper": "pages/CallKeeperPage.qml",
        "setup": "pages/SetupPage.qml",
        "checkin.phone": "pages/CheckInPhonePage.qml",
        "checkin.consent": "pages/ConsentPage.qml",
        "checkin.work": "pages/CheckInWorkPage.qml",
        "checkin.purpose": "pages/CheckInPurposePage.qml",
        "checkin.done": "pages/CheckInDonePage.qml"
    })

    width: 1920
    height: 1080
    color: Theme.background
    title: qsTr("Red Home")

    // Drivers cannot close the kiosk; an unlocked keeper can.
    onClosing: close => close.accepted = root.kiosk.mayClose()

    Binding {
        target: Theme
        property: "shortSide"
        value: Math.min(root.width, root.height)
    }
    Binding {
        target: Theme
        property: "largeText"
        value: root.kiosk.station.largeText
    }
    Binding {
        target: VirtualKeyboardSettings
        property: "locale"
        value: root.kiosk.language.chinese ? "zh_CN" : "en_US"
    }

    Loader {
        id: pageLoader
        objectName: "pageLoader"
        anchors.fill: parent
        focus: true

        function show() {
            setSource(Qt.resolvedUrl(root.pages[root.kiosk.nav.page]), {"kiosk": root.kiosk})
        }
    }

    Connections {
        target: root.kiosk.nav
        function onPageChanged() {
            Qt.inputMethod.hide()
            pageLoader.show()
        }
    }

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        pageLoader.show()
    }

    IdleOverlay {
        objectName: "idleOverlay"
        anchors.fill: parent
        visible: root.kiosk.idle.warning
        secondsLeft: root.kiosk.idle.secondsLeft
        z: 50
        onStayRequested: root.kiosk.idle.touched()
    }

    InputPanel {
        id: inputPanel
        objectName: "inputPanel"
        z: 99
        x: 0
        width: root.width
        y: Qt.inputMethod.visible ? root.height - height : root.height
        visible: Qt.inputMethod.visible
    }
}
