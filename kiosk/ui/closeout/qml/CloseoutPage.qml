import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../../qml/components"

// The keeper closes the day: its figures so far, a note for the next keeper, then one sealed
// report that can never change.
PageFrame {
    id: page

    readonly property QtObject closeout: kiosk.vm.closeout
    readonly property bool landscape: width > height

    title: qsTr("Close the day")
    actionText: closeout.sealedLabel !== "" ? qsTr("Done")
        : closeout.confirming ? qsTr("Yes, seal %1").arg(closeout.nextLabel)
        : closeout.alreadySealed ? ""
        : qsTr("Close the day (%1)").arg(closeout.nextLabel)
    actionIcon: closeout.sealedLabel !== "" ? "check" : "lock"
    actionEnabled: closeout.loaded && !closeout.busy
    onActionClicked: {
        if (closeout.sealedLabel !== "")
            closeout.done()
        else if (closeout.confirming)
            closeout.seal()
        else
            closeout.askToSeal()
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.gap

        Flickable {
            id: scroller
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: column.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds

            ColumnLayout {
                id: column
                width: scroller.width
                spacing: Theme.gap

                ErrorBanner {
                    message: page.closeout.errorText
                    Layout.fillWidth: true
                }
                ErrorBanner {
                    objectName: "chainBroken"
                    message: page.closeout.chainIntact ? ""
                        : qsTr("The sealed day reports on this terminal do not add up. Call the technician.")
                    Layout.fillWidth: true
                }

                // The report just sealed.
                ColumnLayout {
                    visible: page.closeout.sealedLabel !== ""
                    spacing: Theme.gap
                    Layout.fillWidth: true
                    Text {
                        objectName: "sealedLabel"
                        text: page.closeout.sealedLabel
                        color: Theme.done
                        font.pixelSize: Theme.displaySize
                        font.bold: true
                    }
                    Text {
                        objectName: "sealedText"
                        text: page.closeout.sealedText
                        color: Theme.text
                        font.pixelSize: Theme.bodySize
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Text {
                        objectName: "filesText"
                        visible: text !== ""
                        text: page.closeout.filesText
                        color: Theme.text
                        font.pixelSize: Theme.bodySize
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    BigButton {
                        objectName: "copyToStick"
                        visible: page.closeout.filesReady
                        enabled: !page.closeout.busy
                        text: qsTr("Copy to a USB stick")
                        iconName: "package"
                        primary: false
                        onClicked: page.closeout.copyToStick()
                    }
                }

                ColumnLayout {
                    visible: page.closeout.sealedLabel === ""
                    spacing: Theme.gap
                    Layout.fillWidth: true

                    Text {
                        objectName: "closeoutDay"
                        text: page.closeout.alreadySealed
                            ? qsTr("%1 is closed.").arg(page.closeout.dayText)
                            : page.closeout.earlierDay
                                ? qsTr("%1 was not closed. Close it first.").arg(page.closeout.dayText)
                                : qsTr("%1 so far").arg(page.closeout.dayText)
                        color: page.closeout.earlierDay ? Theme.waiting : Theme.text
                        font.pixelSize: Theme.titleSize
                        font.bold: true
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    DayFigures {
                        headlines: page.closeout.headlines
                        tables: page.closeout.tables
                        landscape: page.landscape
                        Layout.fillWidth: true
                    }
                    Text {
                        objectName: "recordsWaiting"
                        text: page.closeout.recordsWaiting === 0
                            ? qsTr("Everything has reached the county.")
                            : qsTr("%n record(s) still waiting for the county.", "", page.closeout.recordsWaiting)
                        color: page.closeout.recordsWaiting === 0 ? Theme.done : Theme.waiting
                        font.pixelSize: Theme.bodySize
                        wrapMode: Text.WordWrap
                        Layout.fillWidth: true
                    }
                    Text {
                        visible: !page.closeout.alreadySealed
                        text: qsTr("Note for the next keeper (optional)")
                        color: Theme.text
                        font.pixelSize: Theme.bodySize
                        font.bold: true
                    }
                    TextField {
                        objectName: "handoverNote"
                        visible: !page.closeout.alreadySealed
                        enabled: !page.closeout.confirming
                        text: page.closeout.note
                        placeholderText: qsTr("For example: the north charger is out of order")
                        font.pixelSize: Theme.bodySize
                        maximumLength: page.closeout.noteLimit
                        inputMethodHints: Qt.ImhNoPredictiveText
                        Layout.fillWidth: true
                        Layout.preferredHeight: Theme.touch
                        onTextEdited: page.closeout.setNote(text)
                        background: Rectangle {
                            radius: Theme.radius
                            color: Theme.surface
                            border.color: Theme.line
                            border.width: Math.max(2, 3 * Theme.unit)
                        }
                    }
                }

                Text {
                    visible: page.closeout.recent.length > 0
                    text: qsTr("Sealed reports")
                    color: Theme.text
                    font.pixelSize: Theme.bodySize
                    font.bold: true
                    Layout.topMargin: Theme.gap
                }
                Repeater {
                    model: page.closeout.recent
                    delegate: ColumnLayout {
                        required property var modelData
                        spacing: 0
                        Layout.fillWidth: true
                        Text {
                            text: qsTr("%1 · %2 · sealed %3 by %4").arg(modelData.label)
                                .arg(modelData.day).arg(modelData.sealedAt).arg(modelData.sealedBy)
                            color: Theme.text
                            font.pixelSize: Theme.bodySize
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                        Text {
                            visible: modelData.note !== ""
                            text: qsTr("Note: %1").arg(modelData.note)
                            color: Theme.muted
                            font.pixelSize: Theme.bodySize
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
        // Sealing cannot be undone: say so, and offer the way back on a big button.
        Rectangle {
            objectName: "sealConfirmation"
            visible: page.closeout.confirming
            color: Theme.selected
            radius: Theme.radius
            implicitHeight: confirmRow.implicitHeight + 2 * Theme.gap
            Layout.fillWidth: true
            RowLayout {
                id: confirmRow
                anchors.fill: parent
                anchors.margins: Theme.gap
                spacing: Theme.gap
                Text {
                    text: qsTr("A sealed report can never be changed. Seal %1 for %2?")
                        .arg(page.closeout.nextLabel).arg(page.closeout.dayText)
                    color: Theme.text
                    font.pixelSize: Theme.bodySize
                    font.bold: true
                    wrapMode: Text.WordWrap
                    Layout.fillWidth: true
                }
                BigButton {
                    objectName: "cancelSeal"
                    text: qsTr("Not yet")
                    primary: false
                    onClicked: page.closeout.cancel()
                }
            }
        }
    }
}
