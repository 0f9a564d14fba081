pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

// 查询投诉: ticket number and query code from the receipt, no ID card. Every decision is
// in ui.viewmodels.complaintquery; this file only shows its state and passes the keys.
Rectangle {
    id: screen
    objectName: "complaintQueryScreen"
    required property AppModel app
    readonly property ComplaintQueryModel vm: app.query
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: qsTr("查询投诉")
        onBackClicked: screen.app.back()
        onHomeClicked: screen.app.home()
    }

    Loader {
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 24 }
        sourceComponent: {
            switch (screen.vm.step) {
            case "code": return codeStep
            case "busy": return busyStep
            case "result": return resultStep
            default: return ticketStep
            }
        }
    }

    component Prompt: PlainText {
        Layout.fillWidth: true
        font.family: Theme.fontFamily
        font.pixelSize: Theme.large
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    // What to type, or (in its place, so the keypads keep their room) what went wrong.
    component Ask: PlainText {
        property string prompt: ""
        objectName: "queryError"
        Layout.fillWidth: true
        text: screen.vm.error !== "" ? screen.vm.error : prompt
        font.family: Theme.fontFamily
        font.pixelSize: Theme.large
        font.bold: screen.vm.error !== ""
        color: screen.vm.error !== "" ? Theme.returned : Theme.text
        wrapMode: Text.WordWrap
    }
    component Typed: PlainText {
        Layout.fillWidth: true
        font.family: Theme.fontFamily
        font.pixelSize: 60
        font.bold: true
        font.letterSpacing: 6
        color: Theme.primary
        horizontalAlignment: Text.AlignHCenter
    }
    Component {
        id: ticketStep
        ColumnLayout {
            spacing: 8
            Ask { prompt: qsTr("请输入回执上的投诉受理号（本机的只输数字）：") }
            Typed { objectName: "queryTicket"; text: screen.vm.ticket || " " }
            RowLayout {
                Layout.alignment: Qt.AlignHCenter
                spacing: 32
                Keypad {
                    objectName: "ticketKeypad"
                    okText: qsTr("下一步")
                    onKeyPressed: function(key) { screen.vm.ticketKey(key) }
                }
                Grid {
                    columns: 7
                    spacing: 8
                    Repeater {
                        model: screen.vm.letters
                        BigButton {
                            required property string modelData
                            objectName: "letter_" + modelData
                            implicitWidth: 80
                            horizontalPadding: 4
                            text: modelData
                            onClicked: screen.vm.ticketKey(modelData)
                        }
                    }
                }
            }
            Item { Layout.fillHeight: true }
        }
    }

    Component {
        id: codeStep
        RowLayout {
            spacing: 32
            ColumnLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 16
                Prompt { text: qsTr("投诉受理号：%1").arg(screen.vm.ticket); font.bold: true }
                Ask { prompt: qsTr("请输入回执上的6位“查询码”：") }
                Typed { objectName: "queryCodeTyped"; text: screen.vm.code || " " }
                BigButton {
                    objectName: "editTicket"
                    text: qsTr("改受理号")
                    onClicked: screen.vm.editTicket()
                }
                Item { Layout.fillHeight: true }
            }
            Keypad {
                objectName: "codeKeypad"
                Layout.alignment: Qt.AlignTop
                okText: qsTr("查询")
                onKeyPressed: function(key) { screen.vm.codeKey(key) }
            }
        }
    }

    Component {
        id: busyStep
        Item {
            PlainText {
                objectName: "queryBusy"
                anchors.centerIn: parent
                text: qsTr("正在向县里查询，请稍等……")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.large
                color: Theme.text
            }
        }
    }

    Component {
        id: resultStep
        ColumnLayout {
            spacing: 16
            Prompt { text: qsTr("投诉受理号 %1").arg(screen.vm.ticket); font.bold: true }
            Prompt { objectName: "queryStatus"; text: screen.vm.statusText }
            ComplaintSteps { objectName: "querySteps"; steps: screen.vm.steps }
            ScrollView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                PlainText {
                    objectName: "queryReply"
                    width: screen.width - 64
                    text: screen.vm.replyText !== ""
                          ? qsTr("答复（%1）：%2").arg(screen.vm.replyDate).arg(screen.vm.replyText)
                          : qsTr("还没有答复。办理有了结果，这里会显示答复。")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 24
                BigButton {
                    objectName: "queryAgain"
                    Layout.fillWidth: true
                    text: qsTr("再查一件")
                    onClicked: screen.vm.editTicket()
                }
                BigButton {
                    objectName: "queryDone"
                    Layout.fillWidth: true
                    primary: true
                    text: qsTr("完成，退出")
                    onClicked: screen.app.home()
                }
            }
        }
    }
}
