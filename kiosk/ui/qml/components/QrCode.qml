import QtQuick

// A QR code drawn by the app (image://qr/...): black on white with a quiet zone, for phones.
Rectangle {
    id: qr

    property string payload

    color: "#FFFFFF"
    radius: Theme.radius * 0.5

    Image {
        anchors.fill: parent
        anchors.margins: parent.width * 0.06
        source: qr.payload ? "image://qr/" + encodeURIComponent(qr.payload) : ""
        sourceSize.width: Math.ceil(width)
        sourceSize.height: Math.ceil(height)
        fillMode: Image.PreserveAspectFit
        smooth: false
    }
}
