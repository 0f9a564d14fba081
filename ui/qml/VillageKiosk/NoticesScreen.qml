pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

Rectangle {
    id: screen
    objectName: "noticesScreen"
    required property AppModel app
    readonly property NoticesModel vm: app.notices
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: screen.vm.openIndex >= 0 ? qsTr("通知内容") : qsTr("通知公告")
        onBackClicked: screen.app.back()
        onHomeClicked: screen.app.home()
    }

    ColumnLayout {
        visible: screen.vm.openIndex < 0
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 24 }
        spacing: 16
        RowLayout {
            spacing: 12
            Repeater {
                model: screen.vm.kinds
                BigButton {
                    required property var modelData
                    required property int index
                    objectName: "kind_" + index
                    Layout.fillWidth: true
                    text: modelData.label
                    primary: index === screen.vm.kindIndex
                    onClicked: screen.vm.selectKind(index)
                }
            }
        }
        PlainText {
            objectName: "noNotices"
            visible: screen.vm.notices.length === 0
            Layout.fillWidth: true
            text: qsTr("这一类现在没有通知。")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.large
            color: Theme.textMuted
            horizontalAlignment: Text.AlignHCenter
        }
        ListView {
            id: list
            objectName: "noticeList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 12
            model: screen.vm.notices
            ScrollBar.vertical: ScrollBar { width: 24 }
            delegate: BigButton {
                required property var modelData
                required property int index
                objectName: "notice_" + index
                width: list.width - 30
                text: modelData.title
                hint: modelData.dateText
                onClicked: screen.vm.openNotice(index)
            }
        }
    }

    ScrollView {
        visible: screen.vm.openIndex >= 0
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 32 }
        contentWidth: availableWidth
        ScrollBar.vertical.policy: ScrollBar.AsNeeded
        Column {
            width: parent.width
            spacing: 20
            PlainText {
                objectName: "noticeTitle"
                width: parent.width
                text: screen.vm.title
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            PlainText {
                width: parent.width
                text: screen.vm.dateText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.small
                color: Theme.textMuted
                wrapMode: Text.WordWrap
            }
            PlainText {
                objectName: "noticeBody"
                width: parent.width
                text: screen.vm.body
                font.family: Theme.fontFamily
                font.pixelSize: Theme.large
                color: Theme.text
                wrapMode: Text.WordWrap
                lineHeight: 1.4
            }
        }
    }
}
