pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

// One item's public roll (公示花名册) for the village: the total, the lines sorted by 组 and
// surname, narrowed by 组 or by the surname's first letter; tap a line to see it alone.
Rectangle {
    id: screen
    objectName: "rollScreen"
    required property AppModel app
    readonly property PublicModel vm: app.public
    property bool bySurname: false
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: qsTr("公示名单：%1").arg(screen.vm.itemName)
        onBackClicked: screen.app.back()
        onHomeClicked: screen.app.home()
    }

    RowLayout {
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: Theme.margin }
        spacing: 24

        ColumnLayout {
            id: side
            Layout.preferredWidth: screen.width * 0.34
            Layout.maximumWidth: screen.width * 0.34
            Layout.fillHeight: true
            spacing: 12
            PlainText {
                text: qsTr("全村合计")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                color: Theme.text
            }
            PlainText {
                objectName: "rollTotal"
                Layout.fillWidth: true
                text: screen.vm.totalText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.amount
                font.bold: true
                color: Theme.primary
                fontSizeMode: Text.HorizontalFit
                minimumPixelSize: Theme.large
            }
            PlainText {
                objectName: "rollCount"
                Layout.fillWidth: true
                text: screen.vm.countText
                font.family: Theme.fontFamily
                font.pixelSize: Theme.body
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: 10
                BigButton {
                    objectName: "byGroup"
                    Layout.fillWidth: true
                    horizontalPadding: 8
                    font.pixelSize: Theme.body
                    text: qsTr("按组看")
                    primary: !screen.bySurname
                    onClicked: { screen.bySurname = false; screen.vm.showAll() }
                }
                BigButton {
                    objectName: "bySurname"
                    Layout.fillWidth: true
                    horizontalPadding: 8
                    font.pixelSize: Theme.body
                    text: qsTr("按姓氏看")
                    primary: screen.bySurname
                    onClicked: { screen.bySurname = true; screen.vm.showAll() }
                }
            }
            Flickable {
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                contentHeight: filters.implicitHeight
                Flow {
                    id: filters
                    width: parent.width
                    spacing: 10
                    BigButton {
                        objectName: "filterAll"
                        width: Theme.compact ? 104 : 132
                        horizontalPadding: 4
                        font.pixelSize: Theme.body
                        text: qsTr("全部")
                        primary: screen.vm.filter === ""
                        onClicked: screen.vm.showAll()
                    }
                    Repeater {
                        model: screen.bySurname ? screen.vm.initials : screen.vm.groups
                        BigButton {
                            required property var modelData
                            required property int index
                            objectName: (screen.bySurname ? "initial_" : "group_") + index
                            width: Theme.compact ? 104 : 132
                            horizontalPadding: 4
                            font.pixelSize: Theme.body
                            text: modelData
                            primary: screen.vm.filter === (screen.bySurname ? "i:" : "g:") + modelData
                            onClicked: screen.bySurname ? screen.vm.showInitial(modelData)
                                                        : screen.vm.showGroup(modelData)
                        }
                    }
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.preferredWidth: screen.width * 0.6
            Layout.fillHeight: true
            spacing: 10
            PlainText {
                objectName: "rollMessage"
                visible: screen.vm.error !== "" || screen.vm.rows.length === 0
                Layout.fillWidth: true
                text: screen.vm.error !== "" ? screen.vm.error : qsTr("本村现在没有这项的公示名单。")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.large
                color: Theme.textMuted
                wrapMode: Text.WordWrap
            }
            ListView {
                id: list
                objectName: "rollList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                spacing: 8
                model: screen.vm.rows
                ScrollBar.vertical: ScrollBar { width: 24 }
                delegate: Button {
                    id: line
                    required property var modelData
                    required property int index
                    objectName: "rollRow_" + index
                    width: list.width - 30
                    implicitHeight: Math.max(Theme.target, lineRow.implicitHeight + 20)
                    Accessible.name: modelData.name
                    onClicked: screen.vm.openRow(index)
                    background: Rectangle {
                        radius: Theme.radius
                        color: line.down ? Qt.darker(Theme.surface, 1.2) : Theme.surface
                        border.color: Theme.border
                        border.width: 2
                    }
                    contentItem: RowLayout {
                        id: lineRow
                        spacing: 16
                        PlainText {
                            text: line.modelData.name
                            Layout.preferredWidth: implicitWidth
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.large
                            font.bold: true
                            color: Theme.text
                        }
                        PlainText {
                            Layout.fillWidth: true
                            text: [line.modelData.group, line.modelData.sizeText, line.modelData.period]
                                  .filter(function (s) { return s !== "" })
                                  .map(function (s) { return "\u2068" + s + "\u2069" })  // isolated
                                  .join("  ")
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.small
                            color: Theme.textMuted
                            wrapMode: Text.WordWrap  // the line grows: 组, household, period
                        }
                        PlainText {
                            text: line.modelData.amountText
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.large
                            font.bold: true
                            color: Theme.text
                        }
                    }
                }
            }
        }
    }
}
