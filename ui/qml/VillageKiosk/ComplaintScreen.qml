pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

Rectangle {
    id: screen
    objectName: "complaintScreen"
    required property AppModel app
    readonly property ComplaintModel vm: app.complaint
    readonly property var stepTitles: ({
        "about": qsTr("第 1 步：您要反映哪方面的问题？"),
        "reason": qsTr("第 2 步：是什么问题？"),
        "text": qsTr("第 3 步：想说的话（可以不写）"),
        "phone": qsTr("第 4 步：留个电话（可以不留）"),
        "identity": qsTr("第 5 步：留不留名字？"),
        "confirm": qsTr("第 6 步：请确认"),
        "done": qsTr("已经提交")
    })
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: qsTr("我要投诉")
        showBack: screen.vm.step !== "done"
        onBackClicked: screen.app.back()
        onHomeClicked: screen.app.home()
    }

    ColumnLayout {
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom }
        anchors.margins: 24
        spacing: 16

        PlainText {
            objectName: "stepTitle"
            Layout.fillWidth: true
            text: screen.stepTitles[screen.vm.step] || ""
            font.family: Theme.fontFamily
            font.pixelSize: Theme.title
            font.bold: true
            color: Theme.secondary
            wrapMode: Text.WordWrap
        }
        PlainText {
            objectName: "complaintError"
            visible: screen.vm.error !== ""
            Layout.fillWidth: true
            text: screen.vm.error
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.bold: true
            color: Theme.primary
            wrapMode: Text.WordWrap
        }

        Loader {
            Layout.fillWidth: true
            Layout.fillHeight: true
            sourceComponent: {
                switch (screen.vm.step) {
                case "reason": return reasonStep
                case "text": return textStep
                case "phone": return phoneStep
                case "identity": return identityStep
                case "confirm": return confirmStep
                case "done": return doneStep
                default: return aboutStep
                }
            }
        }
    }

    Component {
        id: aboutStep
        GridView {
            id: grid
            objectName: "aboutOptions"
            clip: true
            model: screen.vm.options
            cellWidth: width / 2
            cellHeight: 150
            ScrollBar.vertical: ScrollBar { width: 24 }
            delegate: Item {
                id: cell
                required property var modelData
                required property int index
                width: grid.cellWidth
                height: grid.cellHeight
                BigButton {
                    objectName: "about_" + cell.index
                    anchors.fill: parent
                    anchors.margins: 8
                    text: cell.modelData.label
                    hint: cell.modelData.detail
                    onClicked: screen.vm.chooseAbout(cell.index)
                }
            }
        }
    }

    Component {
        id: reasonStep
        GridLayout {
            columns: 3
            rowSpacing: 16
            columnSpacing: 16
            Repeater {
                model: screen.vm.reasons()
                BigButton {
                    required property var modelData
                    objectName: "reason_" + modelData.code
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.preferredHeight: 130
                    text: modelData.label
                    onClicked: screen.vm.chooseReason(modelData.code)
                }
            }
        }
    }

    Component {
        id: textStep
        ColumnLayout {
            spacing: 12
            // "Next" sits above the text, so the keyboard never hides it.
            RowLayout {
                Layout.fillWidth: true
                PlainText {
                    Layout.fillWidth: true
                    text: screen.vm.textCount
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.small
                    color: Theme.textMuted
                }
                BigButton {
                    objectName: "textNext"
                    primary: true
                    enabled: screen.vm.voice.state !== "recording" && screen.vm.voice.state !== "encoding"
                    text: qsTr("写好了，下一步")
                    onClicked: { Qt.inputMethod.hide(); screen.vm.next() }
                }
            }
            VoicePanel {
                objectName: "voicePanel"
                Layout.fillWidth: true
                vm: screen.vm.voice
            }
            ScrollView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 80
                // Not mirrored in right-to-left languages: a mirrored Flickable places the
                // TextArea's input area away from where it is drawn, and taps miss it.
                // The text itself still runs in its own direction.
                LayoutMirroring.enabled: false
                LayoutMirroring.childrenInherit: true
                TextArea {
                    id: area
                    objectName: "complaintText"
                    Component.onCompleted: text = screen.vm.text
                    placeholderText: qsTr("点这里，用下面的拼音键盘写。也可以不写，直接点“下一步”。")
                    placeholderTextColor: Theme.textMuted
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.large
                    color: Theme.text
                    textFormat: TextEdit.PlainText
                    wrapMode: TextEdit.Wrap
                    background: Rectangle { color: Theme.surface; border.color: Theme.border; border.width: 3; radius: 8 }
                    onTextChanged: screen.vm.setText(text)
                }
            }
        }
    }

    Component {
        id: phoneStep
        RowLayout {
            spacing: 40
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 16
                PlainText {
                    Layout.fillWidth: true
                    text: qsTr("留了电话，县纪委可以打电话问您情况。")
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    color: Theme.text
                    wrapMode: Text.WordWrap
                }
                Rectangle {
                    Layout.fillWidth: true
                    implicitHeight: 100
                    color: Theme.surface
                    border.color: Theme.border
                    border.width: 3
                    radius: 8
                    PlainText {
                        objectName: "phoneDisplay"
                        anchors.centerIn: parent
                        text: screen.vm.phone !== "" ? screen.vm.phone : qsTr("（没有填）")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.amount
                        font.bold: true
                        color: screen.vm.phone !== "" ? Theme.text : Theme.textMuted
                    }
                }
                PlainText {
                    objectName: "phoneError"
                    visible: screen.vm.phoneError !== ""
                    Layout.fillWidth: true
                    text: screen.vm.phoneError
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    color: Theme.primary
                    wrapMode: Text.WordWrap
                }
                Item { Layout.fillHeight: true }
                BigButton {
                    objectName: "noPhone"
                    Layout.fillWidth: true
                    text: qsTr("不留电话")
                    onClicked: { screen.vm.phoneKey("clear"); screen.vm.next() }
                }
            }
            Keypad {
                objectName: "phoneKeypad"
                okText: qsTr("下一步")
                onKeyPressed: function(key) {
                    if (key === "ok") screen.vm.next()
                    else screen.vm.phoneKey(key)
                }
            }
        }
    }

    Component {
        id: identityStep
        RowLayout {
            spacing: 24
            BigButton {
                objectName: "realName"
                Layout.fillWidth: true
                Layout.preferredHeight: 260
                primary: true
                text: qsTr("留名字（实名）")
                hint: qsTr("县纪委能把处理结果告诉您。您的名字只给纪委看。下次刷身份证就能看到回复。")
                onClicked: screen.vm.chooseIdentity(false)
            }
            BigButton {
                objectName: "anonymous"
                Layout.fillWidth: true
                Layout.preferredHeight: 260
                text: qsTr("不留名字（匿名）")
                hint: qsTr("谁也不知道是您反映的，但在这台机器上看不到回复。")
                onClicked: screen.vm.chooseIdentity(true)
            }
        }
    }

    Component {
        id: confirmStep
        ColumnLayout {
            spacing: 16
            Summary { label: qsTr("关于"); value: screen.vm.aboutLabel }
            Summary { label: qsTr("问题"); value: screen.vm.reasonLabel }
            Summary { label: qsTr("内容"); value: screen.vm.text !== "" ? screen.vm.text : qsTr("（没有写）") }
            Summary {
                visible: screen.vm.voice.state === "recorded"
                label: qsTr("录音")
                value: qsTr("有，%1 秒").arg(screen.vm.voice.clipSeconds)
            }
            Summary { label: qsTr("电话"); value: screen.vm.phone !== "" ? screen.vm.phone : qsTr("（没有留）") }
            Summary { label: qsTr("名字"); value: screen.vm.anonymous ? qsTr("不留名字（匿名）") : qsTr("留名字（实名）") }
            Item { Layout.fillHeight: true }
            BigButton {
                objectName: "submitComplaint"
                Layout.fillWidth: true
                primary: true
                enabled: !screen.vm.busy
                text: qsTr("确认提交")
                onClicked: screen.vm.submit()
            }
        }
    }

    Component {
        id: doneStep
        ColumnLayout {
            spacing: 10
            RowLayout {
                Layout.fillWidth: true
                spacing: 48
                ColumnLayout {
                    Layout.fillWidth: true
                    PlainText {
                        Layout.fillWidth: true
                        text: qsTr("您的投诉编号")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.large
                        color: Theme.text
                        horizontalAlignment: Text.AlignHCenter
                    }
                    PlainText {
                        objectName: "ticketNo"
                        Layout.fillWidth: true
                        text: screen.vm.ticketNo
                        font.family: Theme.fontFamily
                        font.pixelSize: 80
                        font.bold: true
                        color: Theme.primary
                        horizontalAlignment: Text.AlignHCenter
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: 48
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    visible: screen.vm.queryCode !== ""
                    PlainText {
                        Layout.fillWidth: true
                        text: qsTr("查询码（请保管好）")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.large
                        color: Theme.text
                        horizontalAlignment: Text.AlignHCenter
                    }
                    PlainText {
                        objectName: "queryCode"
                        Layout.fillWidth: true
                        text: screen.vm.queryCode
                        font.family: Theme.fontFamily
                        font.pixelSize: 80
                        font.bold: true
                        font.letterSpacing: 8
                        color: Theme.primary
                        horizontalAlignment: Text.AlignHCenter
                        fontSizeMode: Text.HorizontalFit
                        minimumPixelSize: 48
                    }
                }
            }
            PlainText {
                Layout.fillWidth: true
                text: qsTr("请记下或用手机拍下编号和查询码，查询码不要给别人看。凭这两个号，在本县任何一台机器点“查询投诉”就能看进度和答复，不用身份证。也可以拨打 12388 反映。")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                color: Theme.textMuted
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
            Item { Layout.fillHeight: true }
            RowLayout {
                Layout.fillWidth: true
                spacing: 24
                BigButton {
                    objectName: "printTicket"
                    Layout.fillWidth: true
                    text: qsTr("打印投诉回执")
                    onClicked: screen.app.printTicket()
                }
                BigButton {
                    objectName: "complaintDone"
                    Layout.fillWidth: true
                    primary: true
                    text: qsTr("完成，退出")
                    onClicked: screen.app.home()
                }
            }
        }
    }

    component Summary: RowLayout {
        id: summary
        property string label: ""
        property string value: ""
        Layout.fillWidth: true
        spacing: 20
        PlainText {
            Layout.preferredWidth: 120
            text: summary.label
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.bold: true
            color: Theme.secondary
        }
        PlainText {
            Layout.fillWidth: true
            text: summary.value
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            color: Theme.text
            wrapMode: Text.WrapAnywhere
            maximumLineCount: 3
            elide: Text.ElideRight
        }
    }
}
