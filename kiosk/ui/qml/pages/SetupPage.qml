import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import "../components"

// First boot, for the technician: enrol this kiosk with the county and set the keeper's PIN.
PageFrame {
    id: page

    readonly property QtObject setup: kiosk.setup

    title: qsTr("Set up this kiosk")
    actionText: setup.busy ? qsTr("Enrolling…") : qsTr("Enrol")
    actionIcon: "check"
    actionEnabled: !setup.busy
    onActionClicked: setup.submit()

    component Field: ColumnLayout {
        id: field
        property string name
        property string label
        property string placeholder
        property bool secret: false
        property bool digits: false
        spacing: Theme.gap * 0.3
        Layout.fillWidth: true
        Text {
            text: field.label
            color: Theme.text
            font.pixelSize: Theme.bodySize
            font.bold: true
        }
        TextField {
            objectName: "setup_" + field.name
            text: page.setup.fields[field.name] || ""
            placeholderText: field.placeholder
            placeholderTextColor: Theme.muted
            echoMode: field.secret ? TextInput.Password : TextInput.Normal
            inputMethodHints: field.digits ? Qt.ImhDigitsOnly : (Qt.ImhNoAutoUppercase | Qt.ImhNoPredictiveText | Qt.ImhPreferLatin)
            font.pixelSize: Theme.bodySize
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touch
            onTextEdited: page.setup.setField(field.name, text)
            background: Rectangle {
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                border.width: Math.max(2, 3 * Theme.unit)
            }
        }
    }

    Flickable {
        anchors.fill: parent
        contentHeight: column.implicitHeight
        clip: true
        boundsBehavior: Flickable.StopAtBounds

        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.gap

            ErrorBanner {
                message: page.setup.errorText
                Layout.fillWidth: true
            }
            Field {
                name: "station"
                label: qsTr("Station code")
                placeholder: "CSX-01"
            }
            Field {
                name: "server"
                label: qsTr("County server address")
                placeholder: "https://county.example/"
            }
            Field {
                name: "code"
                label: qsTr("Enrolment code")
                placeholder: qsTr("From the county, valid 24 hours")
            }
            GridLayout {
                columns: page.width > page.height ? 2 : 1
                columnSpacing: Theme.gap
                Layout.fillWidth: true
                Field {
                    name: "pin"
                    label: qsTr("Keeper PIN (4 to 8 digits)")
                    secret: true
                    digits: true
                }
                Field {
                    name: "pin2"
                    label: qsTr("Keeper PIN again")
                    secret: true
                    digits: true
                }
            }
            RowLayout {
                spacing: Theme.gap * 0.5
                AppIcon {
                    name: "shield-lock"
                    tint: Theme.brand
                    Layout.preferredWidth: Theme.bodySize * 1.4
                    Layout.preferredHeight: Theme.bodySize * 1.4
                }
                Text {
                    objectName: "keyringBackend"
                    text: qsTr("Secrets are kept in: %1").arg(page.setup.keyringBackend)
                    color: Theme.muted
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.WrapAnywhere
                    Layout.fillWidth: true
                }
            }
        }
    }
}
