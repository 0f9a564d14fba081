pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

Rectangle {
    id: screen
    objectName: "clerkScreen"
    required property AppModel app
    readonly property ClerkModel vm: app.clerk
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: qsTr("管理员")
        showBack: false
        onHomeClicked: screen.app.home()
    }

    // Locked: the PIN pad.
    RowLayout {
        visible: !screen.vm.unlocked
        anchors { top: bar.bottom; bottom: parent.bottom; horizontalCenter: parent.horizontalCenter; margins: 24 }
        spacing: 60
        ColumnLayout {
            spacing: 20
            PlainText {
                text: qsTr("请输入管理密码")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.bold: true
                color: Theme.text
            }
            PlainText {
                objectName: "pinDots"
                text: screen.vm.pinDots !== "" ? screen.vm.pinDots : " "
                font.family: Theme.fontFamily
                font.pixelSize: Theme.amount
                color: Theme.text
            }
            PlainText {
                objectName: "pinMessage"
                Layout.preferredWidth: 520
                text: screen.vm.pinMessage
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                color: Theme.primary
                wrapMode: Text.WordWrap
            }
        }
        Keypad {
            objectName: "pinPad"
            enabled: screen.vm.enabled
            onKeyPressed: function(key) { screen.vm.pinKey(key) }
        }
    }

    // Unlocked: the terminal's state and the clerk's tools.
    RowLayout {
        visible: screen.vm.unlocked
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 24 }
        spacing: 32
        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 16
            // Long states (errors, refused tickets) wrap; the list scrolls rather than overflow.
            Flickable {
                id: infoScroll
                objectName: "clerkInfoScroll"
                Layout.fillWidth: true
                Layout.fillHeight: true
                contentHeight: infoGrid.implicitHeight
                clip: true
                boundsBehavior: Flickable.StopAtBounds
                ScrollBar.vertical: ScrollBar { width: 24; policy: infoScroll.contentHeight > infoScroll.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
                GridLayout {
                    id: infoGrid
                    objectName: "clerkInfo"
                    // Mirrored (Uyghur) the scroll bar is on the left: keep clear of it.
                    x: LayoutMirroring.enabled ? 32 : 0
                    width: infoScroll.width - 32
                    columns: 2
                    rowSpacing: 12
                    columnSpacing: 24
                    Repeater {
                        model: screen.vm.info
                        PlainText {
                            required property var modelData
                            required property int index
                            Layout.row: index
                            Layout.column: 0
                            Layout.alignment: Qt.AlignTop
                            text: modelData.label
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.body
                            font.bold: true
                            color: Theme.secondary
                        }
                    }
                    Repeater {
                        model: screen.vm.info
                        PlainText {
                            required property var modelData
                            required property int index
                            Layout.row: index
                            Layout.column: 1
                            Layout.fillWidth: true
                            text: modelData.value
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.body
                            color: Theme.text
                            wrapMode: Text.Wrap
                        }
                    }
                }
            }
            // Under the list, by its last row (U盘更新): the right-hand column is full.
            BigButton { objectName: "updateFromUsb"; Layout.preferredWidth: 360; text: qsTr("从U盘更新"); onClicked: screen.vm.updateFromUsb() }
        }
        ColumnLayout {
            Layout.alignment: Qt.AlignTop
            spacing: 16
            BigButton { objectName: "testPrint"; Layout.preferredWidth: 360; text: qsTr("测试打印"); onClicked: screen.vm.testPrint() }
            BigButton { objectName: "syncNow"; Layout.preferredWidth: 360; text: qsTr("立即同步"); onClicked: screen.vm.syncNow() }
            PlainText {
                Layout.preferredWidth: 360
                text: screen.vm.brightness >= 0 ? qsTr("屏幕亮度 %1%").arg(screen.vm.brightness)
                                                : qsTr("屏幕亮度：本机不能调节")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            RowLayout {
                visible: screen.vm.brightness >= 0
                spacing: 16
                BigButton { objectName: "darker"; Layout.preferredWidth: 172; text: qsTr("暗一点"); onClicked: screen.vm.changeBrightness(-10) }
                BigButton { objectName: "brighter"; Layout.preferredWidth: 172; text: qsTr("亮一点"); onClicked: screen.vm.changeBrightness(10) }
            }
            BigButton { objectName: "refreshClerk"; Layout.preferredWidth: 360; text: qsTr("刷新状态"); onClicked: screen.vm.refresh() }
            BigButton { objectName: "leaveClerk"; Layout.preferredWidth: 360; primary: true; text: qsTr("退出管理"); onClicked: screen.app.home() }
        }
    }
}
