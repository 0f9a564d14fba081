pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic

// A switch in the header strip (e.g. "字大一点"): a light button that looks pressed when on.
Button {
    id: control
    font.family: Theme.fontFamily
    font.pixelSize: Theme.header
    font.bold: true
    horizontalPadding: 20
    implicitWidth: Math.max(160, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Theme.minTarget
    Accessible.name: text
    contentItem: PlainText {
        text: control.text
        font: control.font
        color: Theme.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        radius: Theme.radius
        color: control.down || control.checked ? Qt.darker(Theme.surface, 1.25) : Theme.surface
        border.color: control.checked ? Theme.pending : Theme.border
        border.width: 3
    }
}
