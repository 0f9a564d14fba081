pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

// One village-level power (小微权力), one step a page, then 办理须知: what to bring, who
// decides, the time limits and where to complain.
Rectangle {
    id: screen
    objectName: "powerScreen"
    required property AppModel app
    readonly property PublicModel vm: app.public
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: screen.vm.powerName
        onBackClicked: screen.app.back()
        onHomeClicked: screen.app.home()
    }

    ColumnLayout {
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: Theme.margin }
        spacing: 16
        PlainText {
            objectName: "pageTitle"
            Layout.fillWidth: true
            text: screen.vm.pageTitle
            font.family: Theme.fontFamily
            font.pixelSize: Theme.title
            font.bold: true
            color: Theme.secondary
            wrapMode: Text.WordWrap
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            ScrollBar.vertical.policy: ScrollBar.AsNeeded
            ScrollBar.vertical.width: 24
            Column {
                width: parent.width
                spacing: 10
                PlainText {
                    objectName: "pageText"
                    visible: screen.vm.pageText !== ""
                    width: parent.width
                    text: screen.vm.pageText
                    font.family: Theme.fontFamily
                    font.pixelSize: Theme.large
                    color: Theme.text
                    wrapMode: Text.WordWrap
                    lineHeight: 1.3
                }
                Repeater {
                    model: screen.vm.pageLines
                    Column {
                        id: info
                        required property var modelData
                        width: parent.width
                        spacing: 0
                        PlainText {
                            width: parent.width
                            text: info.modelData.label
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.body
                            font.bold: true
                            color: Theme.secondary
                        }
                        PlainText {
                            width: parent.width
                            text: info.modelData.text
                            font.family: Theme.fontFamily
                            font.pixelSize: Theme.body
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                    }
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: 24
            BigButton {
                objectName: "previousPage"
                enabled: screen.vm.page > 0
                text: qsTr("‹ 上一步")
                onClicked: screen.vm.showPage(screen.vm.page - 1)
            }
            PlainText {
                objectName: "pageNumber"
                Layout.fillWidth: true
                text: qsTr("%1 / %2").arg(screen.vm.page + 1).arg(screen.vm.pages)
                font.family: Theme.fontFamily
                font.pixelSize: Theme.large
                color: Theme.text
                horizontalAlignment: Text.AlignHCenter
            }
            BigButton {
                objectName: "nextPage"
                enabled: screen.vm.page + 1 < screen.vm.pages
                primary: true
                text: screen.vm.page + 2 === screen.vm.pages ? qsTr("办理须知 ›") : qsTr("下一步 ›")
                onClicked: screen.vm.showPage(screen.vm.page + 1)
            }
        }
    }
}
