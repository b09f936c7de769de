import QtQuick

Image {
    property string name
    property color tint: Theme.text

    source: name ? "image://icon/" + name + "?color=" + encodeURIComponent(tint.toString()) : ""
    sourceSize.width: Math.ceil(width)
    sourceSize.height: Math.ceil(height)
    fillMode: Image.PreserveAspectFit
    smooth: true
    asynchronous: false
}
