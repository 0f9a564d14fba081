pragma ComponentBehavior: Bound
import QtQuick
import VillageKiosk.Models

// The speaker button in the header of every villager screen: reads the screen aloud,
// or stops while it speaks. Hidden where there is nothing to read or no engine
// (the view-model decides; the clerk screen says why).
HeaderToggle {
    id: control
    required property SpeechModel speech
    objectName: "speakButton"
    visible: speech.canSpeak
    checked: speech.speaking
    text: speech.speaking ? qsTr("■ 停止朗读") : qsTr("▶ 读给我听")
    onClicked: speech.toggle()
}
