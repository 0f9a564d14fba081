pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

Rectangle {
    id: screen
    objectName: "benefitsScreen"
    required property AppModel app
    readonly property BenefitsModel vm: app.benefits
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: qsTr("%1 的补贴").arg(screen.vm.holderName)
        showBack: false
        onHomeClicked: screen.app.home()
    }

    RowLayout {
        id: actions
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 16 }
        spacing: 16
        BigButton {
            objectName: "printButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            primary: true
            text: qsTr("打印凭条")
            onClicked: screen.app.openPrint()
        }
        BigButton {
            objectName: "complainButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            primary: true
            text: qsTr("我要投诉")
            onClicked: screen.app.openComplaint("")
        }
        BigButton {
            objectName: "myComplaintsButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: qsTr("我的投诉")
            onClicked: screen.app.openMyComplaints()
        }
        BigButton {
            objectName: "benefitNoticesButton"
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            text: qsTr("通知公告")
            onClicked: screen.app.openNotices()
        }
    }

    // A reply from the county to one of this holder's complaints: say so first.
    Rectangle {
        id: replyBanner
        anchors { left: parent.left; right: parent.right; top: bar.bottom }
        height: visible ? replyText.implicitHeight + 16 : 0
        visible: screen.vm.replyNotice !== ""
        color: Theme.warningBg
        PlainText {
            id: replyText
            objectName: "replyNotice"
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 16 }
            text: screen.vm.replyNotice
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.bold: true
            color: Theme.primary
            wrapMode: Text.WordWrap
        }
    }

    RowLayout {
        anchors { left: parent.left; right: parent.right; top: replyBanner.bottom; bottom: actions.top }
        anchors.margins: 16
        spacing: 24

        // Left: who, which year, how much. Scrolls rather than overflow on small panels.
        Flickable {
            id: left
            readonly property real columnWidth: Math.min(600, screen.width * 0.4)
            Layout.preferredWidth: columnWidth
            Layout.maximumWidth: columnWidth
            Layout.fillHeight: true
            contentHeight: leftColumn.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            // Shown when the column does not fit (large type on a small panel): more below.
            ScrollBar.vertical: ScrollBar {
                width: 16
                policy: left.contentHeight > left.height ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff
            }
            ColumnLayout {
                id: leftColumn
                width: left.width
                spacing: 14
                PlainText {
                    objectName: "maskedId"
                    text: qsTr("身份证 %1").arg(screen.vm.maskedId)
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    color: Theme.text
                }
                Flow {
                    objectName: "yearSelector"
                    Layout.fillWidth: true
                    spacing: 10
                    Repeater {
                        model: screen.vm.years
                        BigButton {
                            required property var modelData
                            required property int index
                            objectName: "year_" + modelData.year
                            width: Theme.compact ? 92 : 180
                            horizontalPadding: 8
                            text: Theme.compact ? modelData.short : modelData.label
                            font.pixelSize: Theme.body
                            primary: index === screen.vm.yearIndex
                            onClicked: screen.vm.selectYear(index)
                        }
                    }
                }
                PlainText {
                    visible: !screen.vm.empty
                    text: screen.vm.yearTitle
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    color: Theme.text
                }
                PlainText {
                    objectName: "yearTotal"
                    visible: !screen.vm.empty
                    text: screen.vm.yearTotalText
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.huge
                    font.bold: true
                    color: Theme.paid
                }
                PlainText {
                    visible: !screen.vm.empty && screen.vm.yearCapitals !== ""
                    Layout.fillWidth: true
                    text: qsTr("大写：%1").arg(screen.vm.yearCapitals)
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.small
                    color: Theme.textMuted
                    wrapMode: Text.WrapAnywhere
                }
                PlainText {
                    objectName: "yearNote"
                    visible: screen.vm.yearNote !== ""
                    Layout.fillWidth: true
                    text: screen.vm.yearNote
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.small
                    font.bold: true
                    color: Theme.pending
                    wrapMode: Text.WordWrap
                }
            }
        }

        // Right: every payment of the year, by item; tap an item for its policy.
        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.surface
            radius: Theme.radius
            border.color: Theme.border
            clip: true

            PlainText {
                objectName: "emptyState"
                visible: screen.vm.empty
                anchors.centerIn: parent
                width: parent.width - 80
                text: qsTr("没有查到发给您的补贴。\n如果您认为应该有，可以点“我要投诉”，或拨打 12388。")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.large
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                lineHeight: 1.3
            }

            PlainText {
                id: asOf
                anchors { right: parent.right; bottom: parent.bottom; margins: 8 }
                text: qsTr("数据更新于 %1").arg(screen.vm.asOfText)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.small
                color: Theme.textMuted
            }

            ListView {
                id: list
                objectName: "paymentList"
                clip: true
                anchors { left: parent.left; right: parent.right; top: parent.top; bottom: asOf.top }
                anchors.margins: 12
                visible: !screen.vm.empty
                model: screen.vm.payments
                spacing: 6
                ScrollBar.vertical: ScrollBar { width: 24; policy: ScrollBar.AlwaysOn }
                section.property: "itemName"
                section.criteria: ViewSection.FullString
                section.delegate: Rectangle {
                    id: sectionHeader
                    required property string section
                    width: list.width - 30
                    height: Math.max(76, sectionLabel.implicitHeight + 16)
                    color: Theme.sectionBg
                    radius: 8
                    PlainText {
                        id: sectionLabel
                        anchors { left: parent.left; leftMargin: 16; verticalCenter: parent.verticalCenter }
                        // Wrapped beside the policy link when the type is large (字大一点).
                        width: parent.width - policyLink.implicitWidth - 48
                        // At word boundaries (English), anywhere where there are none (Chinese).
                        wrapMode: Text.Wrap
                        text: sectionHeader.section
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.large
                        font.bold: true
                        color: Theme.secondary
                    }
                    PlainText {
                        id: policyLink
                        anchors { right: parent.right; rightMargin: 16; verticalCenter: parent.verticalCenter }
                        text: qsTr("政策说明 ›")
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.small
                        color: Theme.secondary
                    }
                    MouseArea {
                        anchors.fill: parent
                        onClicked: screen.app.openSection(sectionHeader.section)
                    }
                }
                delegate: PaymentRow { width: list.width - 30 }
            }
        }
    }

    component PaymentRow: Rectangle {
        id: row
        required property var modelData
        height: Math.max(100, texts.implicitHeight + 24)
        color: "transparent"
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: 16
            anchors.rightMargin: 16
            spacing: 16
            Column {
                id: texts
                Layout.fillWidth: true
                PlainText {
                    text: row.modelData.period
                    width: parent.width
                    wrapMode: Text.WrapAnywhere
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    color: Theme.text
                }
                // Date paid, then the paying department: the department moves
                // to a line of its own, whole, when both do not fit.
                Flow {
                    width: parent.width
                    PlainText {
                        text: row.modelData.paidOn
                        width: Math.min(implicitWidth, texts.width)
                        wrapMode: Text.Wrap
                        // The gap before the department: on the left when mirrored.
                        rightPadding: LayoutMirroring.enabled ? 0 : 24
                        leftPadding: LayoutMirroring.enabled ? 24 : 0
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.small
                        color: Theme.textMuted
                    }
                    PlainText {
                        text: row.modelData.department
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.small
                        color: Theme.textMuted
                        // Wrapped, never cut: 县人力资源和社会保障局 is wider than the
                        // column on a 1280×800 panel, and every character matters.
                        width: Math.min(implicitWidth, texts.width)
                        wrapMode: Text.WrapAnywhere
                    }
                }
            }
            PlainText {
                text: row.modelData.amountText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.bold: true
                color: row.modelData.status === "paid" ? Theme.text
                     : (row.modelData.status === "pending" ? Theme.pending : Theme.returned)
                font.strikeout: row.modelData.status === "returned"
            }
            Rectangle {
                Layout.preferredWidth: Math.max(150, badgeText.implicitWidth + 32)
                Layout.preferredHeight: Math.max(56, badgeText.implicitHeight + 8)
                radius: height / 2
                color: row.modelData.status === "paid" ? Theme.paid
                     : (row.modelData.status === "pending" ? Theme.pending : Theme.returned)
                PlainText {
                    id: badgeText
                    anchors.centerIn: parent
                    text: (row.modelData.status === "paid" ? "✓ " : "! ") + row.modelData.statusText
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.small
                    font.bold: true
                    color: Theme.badgeText
                }
            }
        }
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }
    }
}
