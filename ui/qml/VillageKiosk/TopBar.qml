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
    // Taller when the type is large (字大一点): nothing of the bar is cut off.
    implicitHeight: Math.max(Theme.compact ? 100 : 120, barRow.implicitHeight + 32)
    color: Theme.secondary
    RowLayout {
        id: barRow
        anchors.fill: parent
        anchors.margins: 16
        spacing: 24
        BigButton {
            objectName: "backButton"
            visible: bar.showBack
            text: qsTr("‹ 返回")
            Layout.preferredWidth: Math.max(220, implicitWidth)
            onClicked: bar.backClicked()
        }
        PlainText {
            Layout.fillWidth: true
            text: bar.title
            color: Theme.primaryText
            font.family: Theme.fontFamily
            font.pixelSize: Theme.title
            font.bold: true
            // A long title (an item's full name in English, large type) takes a second
            // line and the bar grows, rather than losing its end.
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            horizontalAlignment: Text.AlignHCenter
        }
        BigButton {
            objectName: "homeButton"
            visible: bar.showHome
            text: qsTr("结束，退出")
            Layout.preferredWidth: Math.max(260, implicitWidth)
            onClicked: bar.homeClicked()
        }
    }
}
