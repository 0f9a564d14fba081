pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

Rectangle {
    id: screen
    objectName: "detailScreen"
    required property AppModel app
    readonly property ItemDetailModel vm: app.detail
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: screen.vm.itemName
        onBackClicked: screen.app.back()
        onHomeClicked: screen.app.home()
    }

    RowLayout {
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom }
        anchors.margins: 20
        spacing: 24

        // The item's texts scroll; its actions stay in sight under them.
        ColumnLayout {
            Layout.preferredWidth: parent.width * 0.5
            Layout.maximumWidth: parent.width * 0.5
            Layout.fillHeight: true
            spacing: 16

            ScrollView {
                id: texts
                Layout.fillWidth: true
                Layout.fillHeight: true
                contentWidth: availableWidth
                // Not mirrored in right-to-left languages: a mirrored ScrollView draws its
                // scroll bar over the start of the text (the column itself moves right).
                LayoutMirroring.enabled: false
                LayoutMirroring.childrenInherit: true
                // Always shown when the column does not fit (large type): more below.
                ScrollBar.vertical.policy: contentHeight > availableHeight ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded
                Column {
                    width: texts.availableWidth
                    spacing: 20
                    Field { label: qsTr("发放部门"); value: screen.vm.department }
                    Field { label: qsTr("补贴标准"); value: screen.vm.standard }
                    Field { label: qsTr("政策说明"); value: screen.vm.policy }
                }
            }
            // 怎么申请: the county's micro-power list tells how to apply for this item.
            BigButton {
                objectName: "applyButton"
                Layout.fillWidth: true
                visible: screen.vm.applyPower !== ""
                text: qsTr("怎么申请")
                hint: screen.vm.applyHint
                onClicked: screen.app.public.openPowerCode(screen.vm.applyPower)
            }
            BigButton {
                objectName: "complainItemButton"
                Layout.fillWidth: true
                primary: true
                text: qsTr("对这项补贴有疑问，我要投诉")
                onClicked: screen.app.openComplaint(screen.vm.itemCode)
            }
        }

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.surface
            radius: Theme.radius
            border.color: Theme.border
            ColumnLayout {
                anchors.fill: parent
                anchors.margins: 12
                PlainText {
                    text: screen.vm.totalText
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.body
                    font.bold: true
                    color: Theme.text
                }
                ListView {
                    id: list
                    objectName: "detailList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    model: screen.vm.payments
                    ScrollBar.vertical: ScrollBar { width: 24 }
                    delegate: Rectangle {
                        id: row
                        required property var modelData
                        width: list.width - 30
                        height: Math.max(96, rowLayout.implicitHeight + 16)
                        color: "transparent"
                        RowLayout {
                            id: rowLayout
                            anchors { left: parent.left; right: parent.right; margins: 8; verticalCenter: parent.verticalCenter }
                            spacing: 16
                            PlainText {
                                Layout.fillWidth: true
                                text: row.modelData.period + "\n" + row.modelData.paidOn
                                wrapMode: Text.Wrap
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.small
                                color: Theme.text
                            }
                            PlainText {
                                text: row.modelData.amountText + "  " + row.modelData.statusText
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.large
                                font.bold: true
                                color: row.modelData.status === "paid" ? Theme.text
                                     : (row.modelData.status === "pending" ? Theme.pending : Theme.returned)
                            }
                        }
                        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.divider }
                    }
                }
            }
        }
    }

    component Field: Column {
        id: field
        property string label: ""
        property string value: ""
        width: parent ? parent.width : 0
        spacing: 6
        PlainText {
            text: field.label
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            font.bold: true
            color: Theme.secondary
        }
        PlainText {
            width: parent.width
            text: field.value
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            color: Theme.text
            wrapMode: Text.WordWrap
            lineHeight: 1.3
        }
    }
}
