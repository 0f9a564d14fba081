pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import QtQuick.Window
import VillageKiosk.Models

// The demo's own window (not part of a real kiosk): whose card is on the reader.
Window {
    id: root
    required property DemoControlModel control
    width: 560
    height: 760
    x: 40
    y: 40
    visible: true
    title: qsTr("演示：身份证")
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 12
        PlainText {
            Layout.fillWidth: true
            text: qsTr("选一位村民，把他的身份证放到读卡器上。管理员密码：%1").arg(root.control.pin)
            font.family: Theme.fontFamily
            font.pixelSize: Theme.small
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        ListView {
            id: list
            objectName: "demoPeople"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.control.people
            ScrollBar.vertical: ScrollBar { width: 20 }
            delegate: Rectangle {
                id: row
                required property var modelData
                required property int index
                width: list.width - 24
                height: 64
                color: row.index === root.control.index ? "#D8ECFA" : "transparent"
                PlainText {
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.left: parent.left
                    anchors.leftMargin: 8
                    text: row.modelData.label
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.small
                    color: Theme.text
                }
                MouseArea { anchors.fill: parent; onClicked: root.control.choose(row.index) }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            BigButton {
                objectName: "layCard"
                Layout.fillWidth: true
                primary: true
                enabled: !root.control.onReader
                text: qsTr("放卡")
                onClicked: root.control.layCard()
            }
            BigButton {
                objectName: "removeCard"
                Layout.fillWidth: true
                enabled: root.control.onReader
                text: qsTr("取卡")
                onClicked: root.control.removeCard()
            }
        }
    }
}
