pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import VillageKiosk.Models

// The speaker button in the header of every villager screen: reads the screen aloud,
// or stops while it speaks. Hidden where there is nothing to read or no engine
// (the view-model decides; the clerk screen says why).
Button {
    id: control
    required property SpeechModel speech
    objectName: "speakButton"
    visible: speech.canSpeak
    text: speech.speaking ? qsTr("■ 停止朗读") : qsTr("▶ 读给我听")
    font.family: Theme.fontFamily
    font.pixelSize: Theme.body
    font.bold: true
    horizontalPadding: 24
    implicitWidth: Math.max(240, implicitContentWidth + leftPadding + rightPadding)
    implicitHeight: Theme.minTarget
    Accessible.name: text
    onClicked: speech.toggle()
    contentItem: PlainText {
        text: control.text
        font: control.font
        color: Theme.text
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        radius: Theme.radius
        color: control.down ? Qt.darker(Theme.surface, 1.2) : Theme.surface
        border.color: control.speech.speaking ? Theme.pending : Theme.border
        border.width: 3
    }
}
