import QtQuick
import QtQuick.Window
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import "components"

Window {
    id: root

    required property QtObject kiosk

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
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        // The page gives the banner its room rather than lie under it: nothing is hidden.
        anchors.bottom: attentionBanner.visible ? attentionBanner.top : parent.bottom
        focus: true

        function show() {
            setSource(root.kiosk.pages[root.kiosk.nav.page], {"kiosk": root.kiosk})
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

    // An alert for a driver who is not at the screen (a wake-up, a meal to pick up): over
    // whatever page someone else is using, without taking it over.
    AttentionBanner {
        id: attentionBanner
        objectName: "attentionBanner"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        item: root.kiosk.attentionBoard.banner
        // On home the attention slot already shows it.
        visible: item.key !== undefined && root.kiosk.nav.page !== "home"
        z: 40
        onDismissed: key => root.kiosk.attentionBoard.dismiss(key)
    }

    IdleOverlay {
        objectName: "idleOverlay"
        anchors.fill: parent
        visible: root.kiosk.idle.warning
        secondsLeft: root.kiosk.idle.secondsLeft
        z: 50
        onStayRequested: root.kiosk.idle.touched()
    }

    // A full or read-only disk: over everything, until a write works again.
    StoragePausedScreen {
        objectName: "storagePausedScreen"
        anchors.fill: parent
        visible: root.kiosk.storagePause.paused
        pause: root.kiosk.storagePause
        language: root.kiosk.language
        z: 90
        onVisibleChanged: if (visible) Qt.inputMethod.hide()
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
