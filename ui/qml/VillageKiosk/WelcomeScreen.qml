pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import VillageKiosk.Models

Rectangle {
    id: screen
    objectName: "welcomeScreen"
    required property AppModel app
    // Large type on a 1280x800 panel leaves no room for the buttons' hint lines.
    readonly property bool roomy: !(Theme.compact && Theme.largeText)
    color: Theme.background

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.compact ? 14 : 24

        PlainText {
            Layout.fillWidth: true
            text: qsTr("惠民惠农补贴 查询")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.title
            font.bold: true
            color: Theme.secondary
            horizontalAlignment: Text.AlignHCenter
        }

        // Where the card goes: a card sliding onto the reader, again and again.
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 220
            Rectangle {
                id: reader
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: parent.bottom
                anchors.bottomMargin: 10
                width: Math.min(parent.width * 0.45, 560)
                height: Math.min(parent.height * 0.4, 140)
                radius: 16
                color: Theme.readerBg
                PlainText {
                    anchors.centerIn: parent
                    text: qsTr("读卡区")
                    color: Theme.readerText
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.large
                    font.bold: true
                }
            }
            Rectangle {
                id: card
                objectName: "cardAnimation"
                width: reader.width * 0.62
                height: width * 0.63
                radius: 12
                color: Theme.cardBg
                border.color: Theme.secondary
                border.width: 4
                x: (parent.width - width) / 2
                PlainText {
                    anchors.centerIn: parent
                    text: qsTr("身份证")
                    color: Theme.secondary
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.large
                    font.bold: true
                }
                SequentialAnimation on y {
                    loops: Animation.Infinite
                    NumberAnimation { from: 0; to: reader.y - card.height * 0.35; duration: 1600; easing.type: Easing.InOutQuad }
                    PauseAnimation { duration: 1400 }
                    NumberAnimation { from: reader.y - card.height * 0.35; to: 0; duration: 400 }
                }
            }
        }

        PlainText {
            objectName: "instruction"
            Layout.fillWidth: true
            text: qsTr("请将身份证放在读卡区")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.huge
            font.bold: true
            color: Theme.primary
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }

        Rectangle {
            objectName: "readerProblemBox"
            visible: screen.app.readerProblem !== ""
            Layout.fillWidth: true
            implicitHeight: problemText.implicitHeight + 24
            color: Theme.warningBg
            border.color: Theme.pending
            border.width: 3
            radius: Theme.radius
            PlainText {
                id: problemText
                objectName: "readerProblem"
                anchors.centerIn: parent
                width: parent.width - 32
                text: screen.app.readerProblem
                font.family: Theme.fontFamily
                font.pixelSize: Theme.large
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
            }
        }

        RowLayout {
            Layout.fillWidth: true
            spacing: 24
            PlainText {
                Layout.fillWidth: true
                text: qsTr("数据更新于 %1").arg(screen.app.asOfText)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.small
                color: Theme.textMuted
                wrapMode: Text.WordWrap
            }
            // The terminal's languages, each written in itself (中文 / English / ئۇيغۇرچە).
            Row {
                objectName: "languageButtons"
                spacing: 12
                Repeater {
                    model: screen.app.languages
                    HeaderToggle {
                        required property var modelData
                        objectName: "language_" + modelData.code
                        implicitWidth: Math.max(140, implicitContentWidth + leftPadding + rightPadding)
                        text: modelData.label
                        checked: screen.app.language === modelData.code
                        onClicked: screen.app.setLanguage(modelData.code)
                    }
                }
            }
        }

        // What needs no card, side by side: the notices, 村务公开 and 查询投诉.
        RowLayout {
            Layout.fillWidth: true
            spacing: 24
            BigButton {
                objectName: "noticesButton"
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                text: qsTr("看通知公告")
                hint: screen.roomy ? qsTr("不用身份证") : ""
                onClicked: screen.app.openNotices()
            }
            BigButton {
                objectName: "publicButton"
                Layout.fillWidth: true
                Layout.preferredWidth: 1.4  // its hint names three sections: one line at 1280 px
                text: qsTr("村务公开")
                hint: screen.roomy ? qsTr("公示 · 村级财务 · 办事流程") : ""
                onClicked: screen.app.public.open()
            }
            BigButton {
                objectName: "complaintQueryButton"
                Layout.fillWidth: true
                Layout.preferredWidth: 1.5  // its hint is the longest: one line at 1280 px
                text: qsTr("查询投诉")
                hint: screen.roomy ? qsTr("凭受理号和查询码，不用身份证") : ""
                onClicked: screen.app.query.open()
            }
        }

        // The notices ticker: titles of the newest notices scrolling by.
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 64
            color: Theme.surface
            border.color: Theme.border
            radius: 8
            clip: true
            visible: screen.app.notices.ticker !== ""
            PlainText {
                id: ticker
                objectName: "ticker"
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("通知：") + screen.app.notices.ticker
                font.family: Theme.fontFamily
                font.pixelSize: Theme.small
                color: Theme.text
                NumberAnimation on x {
                    loops: Animation.Infinite
                    from: ticker.parent.width
                    to: -ticker.width
                    duration: Math.max(8000, ticker.width * 12)
                }
            }
        }
    }
}
