import QtQuick
import QtQuick.Layouts

// The whole screen while the disk is full or read-only: one calm line for drivers, and what
// the keeper needs to put it right. Nothing here asks for the PIN: checking it needs the disk,
// and nothing shown is private (a folder, free space, an error line).
Rectangle {
    id: screen

    required property QtObject pause
    required property QtObject language

    color: Theme.background

    // Taps on the page below must not go through.
    MouseArea {
        anchors.fill: parent
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Flow {
            Layout.fillWidth: true
            layoutDirection: Qt.RightToLeft
            spacing: Theme.gap

            Chip {
                objectName: "pausedEnglish"
                text: "English"
                selected: !screen.language.chinese
                onClicked: screen.language.setLanguage("en")
            }
            Chip {
                objectName: "pausedChinese"
                text: "中文"
                selected: screen.language.chinese
                onClicked: screen.language.setLanguage("zh_CN")
            }
        }

        Flickable {
            id: scroller
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: width
            contentHeight: Math.max(height, column.implicitHeight)
            clip: true
            boundsBehavior: Flickable.StopAtBounds

            ColumnLayout {
                id: column
                width: scroller.width
                // Centred while it fits, from the top once the keeper's details make it long.
                y: Math.max(0, (scroller.height - implicitHeight) / 2)
                spacing: Theme.gap * 1.5

                AppIcon {
                    // Room for the keeper's details, so they fit a landscape screen.
                    visible: !screen.pause.detailsShown
                    name: "tool"
                    tint: Theme.waiting
                    Layout.alignment: Qt.AlignHCenter
                    Layout.preferredWidth: Theme.touch * 2
                    Layout.preferredHeight: Theme.touch * 2
                }
                Text {
                    objectName: "pausedTitle"
                    text: qsTr("Service paused. Please ask the station keeper.")
                    color: Theme.text
                    font.pixelSize: Theme.titleSize * 1.3
                    font.bold: true
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                Text {
                    text: qsTr("Everything saved so far is safe.")
                    color: Theme.text
                    font.pixelSize: Theme.bodySize
                    wrapMode: Text.WordWrap
                    horizontalAlignment: Text.AlignHCenter
                    Layout.fillWidth: true
                }
                BigButton {
                    objectName: "pausedKeeperButton"
                    visible: !screen.pause.detailsShown
                    text: qsTr("For the station keeper")
                    iconName: "info-circle"
                    primary: false
                    Layout.alignment: Qt.AlignHCenter
                    onClicked: screen.pause.showDetails()
                }

                Rectangle {
                    objectName: "pausedDetails"
                    visible: screen.pause.detailsShown
                    color: Theme.surface
                    radius: Theme.radius
                    border.width: Math.max(2, 3 * Theme.unit)
                    border.color: Theme.line
                    implicitHeight: details.implicitHeight + 2 * Theme.margin
                    Layout.fillWidth: true

                    ColumnLayout {
                        id: details
                        anchors.fill: parent
                        anchors.margins: Theme.margin
                        spacing: Theme.gap

                        // What is wrong and the one action, side by side: all of it fits one screen.
                        Flow {
                            spacing: Theme.gap
                            Layout.fillWidth: true

                            Text {
                                objectName: "pausedHeadline"
                                text: screen.pause.headline
                                color: Theme.error
                                font.pixelSize: Theme.titleSize
                                font.bold: true
                                wrapMode: Text.WordWrap
                                width: Math.min(implicitWidth, details.width)
                                height: Math.max(implicitHeight, retryButton.height)
                                verticalAlignment: Text.AlignVCenter
                            }
                            BigButton {
                                id: retryButton
                                objectName: "pausedRetryButton"
                                text: screen.pause.probing ? qsTr("Trying…") : qsTr("Try again now")
                                iconName: "refresh"
                                enabled: !screen.pause.probing
                                onClicked: screen.pause.retryNow()
                            }
                        }
                        Repeater {
                            model: [
                                {"name": "pausedWhatToDo", "label": qsTr("What to do"), "value": screen.pause.whatToDo},
                                {"name": "pausedDataDir", "label": qsTr("Data folder"), "value": screen.pause.dataDir},
                                {"name": "pausedFreeSpace", "label": qsTr("Free space"), "value": screen.pause.freeSpace},
                                {"name": "pausedDetail", "label": qsTr("What failed"), "value": screen.pause.detail},
                                {"name": "pausedLastTried", "label": qsTr("Last tried"), "value": screen.pause.lastTried}
                            ]
                            delegate: ColumnLayout {
                                required property var modelData
                                spacing: Theme.gap * 0.25
                                Layout.fillWidth: true
                                Text {
                                    text: modelData.label
                                    color: Theme.muted
                                    font.pixelSize: Theme.smallSize
                                    font.bold: true
                                    Layout.fillWidth: true
                                }
                                Text {
                                    objectName: modelData.name
                                    text: modelData.value
                                    color: Theme.text
                                    font.pixelSize: Theme.bodySize
                                    wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                                    Layout.fillWidth: true
                                }
                            }
                        }
                        Text {
                            text: qsTr("The kiosk tries again by itself every %1 seconds and carries on once the disk takes writes.").arg(screen.pause.retrySeconds)
                            color: Theme.muted
                            font.pixelSize: Theme.smallSize
                            wrapMode: Text.WordWrap
                            Layout.fillWidth: true
                        }
                    }
                }
            }
        }
    }
}
