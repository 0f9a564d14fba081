pragma ComponentBehavior: Bound
import QtQuick
import VillageKiosk.Models

Rectangle {
    id: screen
    objectName: "printScreen"
    required property AppModel app
    readonly property PrintModel vm: app.printing
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: qsTr("打印凭条")
        onBackClicked: screen.app.back()
        onHomeClicked: screen.app.home()
    }

    Column {
        anchors { top: bar.bottom; topMargin: 40; horizontalCenter: parent.horizontalCenter }
        width: parent.width * 0.8
        spacing: 32
        PlainText {
            objectName: "printState"
            width: parent.width
            text: screen.vm.state === "printed" ? qsTr("✓ 打印好了")
                : (screen.vm.state === "problem" ? qsTr("打印不了") : qsTr("正在打印"))
            font.family: Theme.fontFamily
            font.pixelSize: Theme.huge
            font.bold: true
            color: screen.vm.state === "problem" ? Theme.primary : Theme.paid
            horizontalAlignment: Text.AlignHCenter
        }
        PlainText {
            objectName: "printMessage"
            width: parent.width
            text: screen.vm.message
            font.family: Theme.fontFamily
            font.pixelSize: Theme.large
            color: Theme.text
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            lineHeight: 1.3
        }
        Image {
            objectName: "receiptQr"
            anchors.horizontalCenter: parent.horizontalCenter
            visible: screen.vm.qrImage !== ""
            source: screen.vm.qrImage
            // Below the message and above the screen's edge, the larger type included.
            width: Math.min(360, screen.height * (Theme.largeText ? 0.26 : 0.34))
            height: width
            fillMode: Image.PreserveAspectFit
            smooth: false
            cache: false  // released with the screen, not kept in Qt's pixmap cache
        }
    }
}
