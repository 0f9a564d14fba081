pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

// 村级财务: the months with the year's totals → one month's entries → a voucher full-screen.
// Back steps out one page at a time; no ID card needed, nothing personal shown.
Rectangle {
    id: screen
    objectName: "ledgerScreen"
    required property AppModel app
    readonly property LedgerModel vm: app.ledger
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: screen.vm.page === "voucher" ? qsTr("凭证")
             : screen.vm.page === "entries" ? screen.vm.monthTitle + qsTr(" 收支明细")
             : qsTr("村级财务")
        onBackClicked: if (!screen.vm.back()) screen.app.back()
        onHomeClicked: screen.app.home()
    }

    // Income, expense and balance side by side, in big type.
    component TotalsRow: RowLayout {
        id: totalsRow
        property string heading: ""
        property var totals: ({})
        spacing: 16
        PlainText {
            text: totalsRow.heading
            font.family: Theme.fontFamily
            font.pixelSize: Theme.large
            font.bold: true
            color: Theme.text
        }
        Repeater {
            model: [
                { label: qsTr("收入"), value: totalsRow.totals.income || "", tone: Theme.paid },
                { label: qsTr("支出"), value: totalsRow.totals.expense || "", tone: Theme.returned },
                { label: qsTr("结余"), value: totalsRow.totals.balance || "", tone: Theme.text }
            ]
            Column {
                id: cell
                required property var modelData
                Layout.fillWidth: true
                PlainText {
                    text: cell.modelData.label
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.small
                    color: Theme.textMuted
                }
                PlainText {
                    text: cell.modelData.value
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.large
                    font.bold: true
                    color: cell.modelData.tone
                }
            }
        }
    }

    // Page 1: the year, then one button per month.
    ColumnLayout {
        objectName: "ledgerMonths"
        visible: screen.vm.page === "months"
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 24 }
        spacing: 16
        PlainText {
            objectName: "ledgerEmpty"
            visible: screen.vm.empty
            Layout.fillWidth: true
            text: qsTr("村里的账目还没有公开到这台机器上。")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.large
            color: Theme.textMuted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Rectangle {
            visible: !screen.vm.empty
            Layout.fillWidth: true
            implicitHeight: yearRow.implicitHeight + 32
            color: Theme.sectionBg
            radius: Theme.radius
            TotalsRow {
                id: yearRow
                objectName: "ledgerYear"
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 20 }
                heading: screen.vm.yearTitle + qsTr("全年")
                totals: screen.vm.yearTotals
            }
        }
        PlainText {
            visible: !screen.vm.empty
            text: qsTr("点一个月份，看这个月的每一笔：")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            color: Theme.text
        }
        ListView {
            id: monthList
            objectName: "ledgerMonthList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 12
            model: screen.vm.months
            ScrollBar.vertical: ScrollBar { width: 24 }
            delegate: BigButton {
                required property var modelData
                required property int index
                objectName: "month_" + index
                width: monthList.width - 30
                text: modelData.title
                hint: qsTr("收入 %1　支出 %2　结余 %3").arg(modelData.income)
                        .arg(modelData.expense).arg(modelData.balance)
                onClicked: screen.vm.openMonth(index)
            }
        }
    }

    // Page 2: the month's totals, then its entries.
    ColumnLayout {
        objectName: "ledgerEntries"
        visible: screen.vm.page === "entries"
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 24 }
        spacing: 16
        Rectangle {
            Layout.fillWidth: true
            implicitHeight: monthRow.implicitHeight + 32
            color: Theme.sectionBg
            radius: Theme.radius
            TotalsRow {
                id: monthRow
                objectName: "ledgerMonthTotals"
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 20 }
                heading: qsTr("本月")
                totals: screen.vm.monthTotals
            }
        }
        ListView {
            id: entryList
            objectName: "ledgerEntryList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 12
            model: screen.vm.entries
            ScrollBar.vertical: ScrollBar { width: 24 }
            delegate: Rectangle {
                id: entry
                required property var modelData
                required property int index
                objectName: "entry_" + index
                width: entryList.width - 30
                implicitHeight: entryRow.implicitHeight + 24
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius
                RowLayout {
                    id: entryRow
                    anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 16 }
                    spacing: 16
                    Column {
                        Layout.fillWidth: true
                        spacing: 4
                        PlainText {
                            width: parent.width
                            text: entry.modelData.summary
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.body
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        PlainText {
                            width: parent.width
                            text: entry.modelData.dateText + "　" + entry.modelData.counterparty
                                  + (entry.modelData.voucher ? "　" + qsTr("凭证号 ") + entry.modelData.voucher : "")
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.small
                            color: Theme.textMuted
                            wrapMode: Text.WordWrap
                        }
                    }
                    Column {
                        spacing: 8
                        PlainText {
                            objectName: "entryAmount_" + entry.index
                            anchors.right: parent.right
                            text: entry.modelData.kindLabel + " " + entry.modelData.amount
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.large
                            font.bold: true
                            color: entry.modelData.kind === "income" ? Theme.paid : Theme.returned
                        }
                        Row {
                            anchors.right: parent.right
                            spacing: 12
                            BigButton {
                                objectName: "voucher_" + entry.index
                                visible: entry.modelData.hasImage
                                text: qsTr("看凭证")
                                onClicked: screen.vm.openVoucher(entry.index)
                            }
                            BigButton {
                                objectName: "complain_" + entry.index
                                text: qsTr("这一笔有问题")
                                font.pixelSize: Theme.body
                                onClicked: screen.vm.complain(entry.index)
                            }
                        }
                    }
                }
            }
        }
    }

    // Page 3: the voucher image as large as the screen allows.
    ColumnLayout {
        objectName: "ledgerVoucher"
        visible: screen.vm.page === "voucher"
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 16 }
        spacing: 8
        PlainText {
            Layout.fillWidth: true
            text: screen.vm.voucherTitle
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            color: Theme.text
            elide: Text.ElideRight
        }
        Image {
            objectName: "voucherImage"
            Layout.fillWidth: true
            Layout.fillHeight: true
            source: screen.vm.voucherSource
            fillMode: Image.PreserveAspectFit
            asynchronous: false
            cache: false
        }
    }
}
