pragma ComponentBehavior: Bound
import QtQuick
import VillageKiosk.Models

// A plain message with what to do: read errors, service unavailable.
Rectangle {
    id: screen
    required property AppModel app
    property string title: ""
    property string message: ""
    property bool showButtons: true
    color: Theme.background
    Column {
        anchors.centerIn: parent
        width: parent.width * 0.8
        spacing: 48
        PlainText {
            width: parent.width
            text: screen.title
            font.family: Theme.fontFamily
            font.pixelSize: Theme.huge
            font.bold: true
            color: Theme.primary
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        PlainText {
            objectName: "messageText"
            width: parent.width
            text: screen.message
            font.family: Theme.fontFamily
            font.pixelSize: Theme.large
            color: Theme.text
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            lineHeight: 1.3
        }
        BigButton {
            objectName: "okButton"
            visible: screen.showButtons
            anchors.horizontalCenter: parent.horizontalCenter
            width: 400
            primary: true
            text: qsTr("知道了")
            onClicked: screen.app.home()
        }
    }
}
