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
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 24 }
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
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    color: card.modelData.replied ? Theme.paid : Theme.textMuted
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
            }
        }
    }
}
