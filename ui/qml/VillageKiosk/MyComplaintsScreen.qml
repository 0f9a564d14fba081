pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import VillageKiosk.Models

Rectangle {
    id: screen
    objectName: "myComplaintsScreen"
    required property AppModel app
    readonly property MyComplaintsModel vm: app.myComplaints
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: qsTr("我的投诉")
        onBackClicked: screen.app.back()
        onHomeClicked: screen.app.home()
    }

    PlainText {
        objectName: "noComplaints"
        visible: screen.vm.complaints.length === 0
        anchors.centerIn: parent
        width: parent.width * 0.8
        text: qsTr("您还没有用这张身份证留名字投诉过。\n不留名字的投诉，在这里看不到。")
        font.family: Theme.fontFamily
        font.pixelSize: Theme.large
        color: Theme.text
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.WordWrap
    }

    ListView {
        id: list
        objectName: "complaintList"
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: thanksBar.top; margins: 24 }
        clip: true
        spacing: 16
        model: screen.vm.complaints
        ScrollBar.vertical: ScrollBar { width: 24 }
        delegate: Rectangle {
            id: card
            required property var modelData
            width: list.width - 30
            height: content.implicitHeight + 32
            color: Theme.surface
            radius: Theme.radius
            border.color: card.modelData.replied ? Theme.paid : Theme.border
            border.width: 3
            Column {
                id: content
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 16 }
                spacing: 8
                PlainText {
                    text: qsTr("编号 %1 · %2").arg(card.modelData.ticketNo).arg(card.modelData.reason)
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.large
                    font.bold: true
                    color: Theme.text
                }
                PlainText {
                    text: card.modelData.filedText + "　" + card.modelData.statusText
                    width: parent.width
                    wrapMode: Text.Wrap  // the English state is longer than a line
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    color: card.modelData.replied ? Theme.paid : Theme.textMuted
                }
                ComplaintSteps {
                    objectName: "steps_" + card.modelData.ticketNo
                    steps: card.modelData.steps
                }
                PlainText {
                    visible: card.modelData.replied
                    width: parent.width
                    text: qsTr("回复（%1）：%2").arg(card.modelData.replyDate).arg(card.modelData.replyText)
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Row {
                    visible: card.modelData.canFeedback
                    spacing: 16
                    BigButton {
                        objectName: "satisfied_" + card.modelData.ticketNo
                        primary: true
                        text: qsTr("满意")
                        onClicked: screen.vm.satisfied(card.modelData.ticketNo)
                    }
                    BigButton {
                        objectName: "notSatisfied_" + card.modelData.ticketNo
                        text: qsTr("不满意")
                        onClicked: screen.vm.notSatisfied(card.modelData.ticketNo)
                    }
                }
            }
        }
    }

    // After 满意 / 不满意: a line of thanks under the list (the list makes room for it).
    Rectangle {
        id: thanksBar
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: screen.vm.thanks !== "" ? thanksText.implicitHeight + 24 : 0
        color: Theme.warningBg
        PlainText {
            id: thanksText
            objectName: "feedbackThanks"
            visible: screen.vm.thanks !== ""
            anchors.centerIn: parent
            text: screen.vm.thanks
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.bold: true
            color: Theme.paid
        }
    }

    // 不满意: why? A short pick-list over the list (no typing needed).
    Rectangle {
        objectName: "whyPanel"
        visible: screen.vm.askingWhy !== ""
        anchors.fill: parent
        color: Theme.background
        Column {
            anchors.centerIn: parent
            width: parent.width * 0.7
            spacing: 16
            PlainText {
                width: parent.width
                text: qsTr("您对哪一点不满意？")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.bold: true
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
            }
            Repeater {
                model: screen.vm.whyChoices
                delegate: BigButton {
                    required property var modelData
                    objectName: "why_" + modelData.code
                    width: parent.width
                    text: modelData.label
                    onClicked: screen.vm.because(modelData.code)
                }
            }
            BigButton {
                objectName: "whyCancel"
                width: parent.width
                text: qsTr("返回，不评价")
                onClicked: screen.vm.cancelWhy()
            }
        }
    }
}
