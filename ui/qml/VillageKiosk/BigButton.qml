pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic

// The one button of the kiosk: large type, a generous touch target, an optional hint line.
Button {
    id: control
    property bool primary: false
    property string hint: ""
    font.family: Theme.fontFamily
    font.pixelSize: Theme.large
    font.bold: true
    padding: 16
    horizontalPadding: 28
    implicitWidth: Math.max(200, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Math.max(Theme.target, implicitContentHeight + topPadding + bottomPadding)
    contentItem: Item {
        implicitWidth: Math.max(label.implicitWidth, hintLabel.visible ? hintLabel.implicitWidth : 0)
        implicitHeight: lines.implicitHeight
        Column {
            id: lines
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter }
            spacing: 4
            PlainText {
                id: label
                width: parent.width
                text: control.text
                font: control.font
                color: control.primary ? Theme.primaryText : Theme.text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            PlainText {
                id: hintLabel
                width: parent.width
                visible: control.hint !== ""
                text: control.hint
                font.family: Theme.fontFamily
                font.pixelSize: Theme.small
                color: control.primary ? Theme.primaryText : Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
        }
    }
    background: Rectangle {
        radius: Theme.radius
        color: control.down ? Qt.darker(control.primary ? Theme.primary : Theme.surface, 1.2)
                            : (control.primary ? Theme.primary : Theme.surface)
        border.color: control.primary ? Theme.primary : Theme.border
        border.width: 3
        opacity: control.enabled ? 1.0 : 0.5
    }
}
