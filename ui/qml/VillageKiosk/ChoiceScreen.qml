pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

// A screen of big choices, one under the other (the items with a public roll, the
// micro-power list), or as large tiles in ``columns`` columns that all fit on the screen
// (the 村务公开 hub): tap one to go on; 返回 and 结束 in the bar.
Rectangle {
    id: screen
    required property AppModel app
    property string title: ""
    property string intro: ""
    property string emptyText: ""
    property string error: ""
    property var choices: []
    property int columns: 1
    signal chosen(int index)
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: screen.title
        onBackClicked: screen.app.back()
        onHomeClicked: screen.app.home()
    }

    ColumnLayout {
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: Theme.margin }
        spacing: 16
        PlainText {
            visible: screen.intro !== ""
            Layout.fillWidth: true
            text: screen.intro
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            color: Theme.textMuted
            wrapMode: Text.WordWrap
        }
        PlainText {
            objectName: "choiceMessage"
            visible: screen.error !== "" || screen.choices.length === 0
            Layout.fillWidth: true
            text: screen.error !== "" ? screen.error : screen.emptyText
            font.family: Theme.fontFamily
            font.pixelSize: Theme.large
            color: Theme.textMuted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        ListView {
            id: list
            objectName: "choiceList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 16
            visible: screen.columns === 1
            model: screen.columns === 1 ? screen.choices : []
            ScrollBar.vertical: ScrollBar { width: 24 }
            delegate: BigButton {
                required property var modelData
                required property int index
                objectName: "choice_" + index
                width: list.width - 30
                text: modelData.label
                hint: modelData.hint
                onClicked: screen.chosen(index)
            }
        }
        GridLayout {
            objectName: "choiceGrid"
            visible: screen.columns > 1
            Layout.fillWidth: true
            Layout.fillHeight: true
            columns: Math.max(1, screen.columns)
            rowSpacing: 16
            columnSpacing: 16
            Repeater {
                model: screen.columns > 1 ? screen.choices : []
                delegate: BigButton {
                    required property var modelData
                    required property int index
                    objectName: "choice_" + index
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 100
                    Layout.preferredHeight: 100
                    text: modelData.label
                    hint: modelData.hint
                    onClicked: screen.chosen(index)
                }
            }
        }
    }
}
