pragma ComponentBehavior: Bound
import QtQuick

Rectangle {
    objectName: "readingScreen"
    color: Theme.background
    Column {
        anchors.centerIn: parent
        spacing: 40
        BusyIndicatorDots { anchors.horizontalCenter: parent.horizontalCenter }
        PlainText {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("正在读卡，请不要移动身份证……")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.title
            font.bold: true
            color: Theme.text
        }
    }
    component BusyIndicatorDots: Row {
        spacing: 24
        Repeater {
            model: 3
            Rectangle {
                id: dot
                required property int index
                width: 40; height: 40; radius: 20
                color: Theme.secondary
                SequentialAnimation on opacity {
                    loops: Animation.Infinite
                    PauseAnimation { duration: dot.index * 200 }
                    NumberAnimation { from: 1; to: 0.2; duration: 500 }
                    NumberAnimation { from: 0.2; to: 1; duration: 500 }
                }
            }
        }
    }
}
