pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import VillageKiosk.Models

// The spoken complaint (说出您的问题) on the text step. A view: every rule is in
// VoiceComplaintModel (ui/viewmodels/voice_complaint.py).
RowLayout {
    id: panel
    required property VoiceComplaintModel vm
    spacing: 16
    // Hidden while the keyboard is up (the villager is writing: the text box needs the
    // room), unless a recording is under way.
    visible: (panel.vm.state !== "unavailable" || panel.vm.message !== "")
             && (!Qt.inputMethod.visible || panel.vm.state === "recording")

    BigButton {
        objectName: "voiceRecord"
        Layout.fillWidth: true
        visible: panel.vm.state === "ready" || panel.vm.state === "unavailable"
        enabled: panel.vm.state === "ready"
        primary: panel.vm.state === "ready"
        text: panel.vm.state === "unavailable" ? panel.vm.message : qsTr("说出您的问题")
        hint: panel.vm.state === "ready"
              ? (panel.vm.message !== "" ? panel.vm.message : qsTr("点一下开始说，最多说一分钟"))
              : ""
        onClicked: panel.vm.record()
    }
    BigButton {
        id: stopButton
        objectName: "voiceStop"
        Layout.fillWidth: true
        visible: panel.vm.state === "recording"
        primary: true
        text: qsTr("■ 说完了")
        hint: panel.vm.secondsText
        onClicked: panel.vm.stop()
    }
    Rectangle {
        objectName: "voiceLevel"
        visible: panel.vm.state === "recording"
        Layout.preferredWidth: 40
        Layout.preferredHeight: stopButton.implicitHeight  // beside the button, not taller
        color: Theme.surface
        border.color: Theme.border
        border.width: 2
        Rectangle {
            anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 4 }
            height: (parent.height - 8) * Math.min(1, panel.vm.level * 2)
            color: Theme.paid
        }
    }
    PlainText {
        objectName: "voiceBusy"
        Layout.fillWidth: true
        visible: panel.vm.state === "encoding"
        text: qsTr("正在保存录音……")
        font.family: Theme.fontFamily
        font.pixelSize: Theme.body
        color: Theme.text
    }
    BigButton {
        objectName: "voicePlay"
        Layout.fillWidth: true
        visible: panel.vm.state === "recorded" || panel.vm.state === "playing"
        enabled: panel.vm.state === "recorded"
        text: panel.vm.state === "playing" ? qsTr("正在播放……") : qsTr("▶ 听一遍")
        hint: qsTr("录音 %1 秒").arg(panel.vm.clipSeconds)
        onClicked: panel.vm.play()
    }
    BigButton {
        objectName: "voiceDiscard"
        visible: panel.vm.state === "recorded"
        text: qsTr("重新录")
        onClicked: panel.vm.discard()
    }
}
