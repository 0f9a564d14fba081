pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts

// The bar on every screen: a way back and a way home, and the screen's title.
Rectangle {
    id: bar
    property string title: ""
    property bool showBack: true
    property bool showHome: true
    signal backClicked()
    signal homeClicked()
    implicitHeight: Theme.compact ? 100 : 120
    color: Theme.secondary
    RowLayout {
        anchors.fill: parent
        anchors.margins: 16
        spacing: 24
        BigButton {
            objectName: "backButton"
            visible: bar.showBack
            text: qsTr("‹ 返回")
            Layout.preferredWidth: 220
            onClicked: bar.backClicked()
        }
        PlainText {
            Layout.fillWidth: true
            text: bar.title
            color: Theme.primaryText
            font.family: Theme.fontFamily
            font.pixelSize: Theme.title
            font.bold: true
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignHCenter
        }
        BigButton {
            objectName: "homeButton"
            visible: bar.showHome
            text: qsTr("结束，退出")
            Layout.preferredWidth: 260
            onClicked: bar.homeClicked()
        }
    }
}
