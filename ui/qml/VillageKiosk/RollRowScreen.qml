pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import VillageKiosk.Models

// One line of a public roll, alone and large, with its one action: 这一笔有问题.
Rectangle {
    id: screen
    objectName: "rollRowScreen"
    required property AppModel app
    readonly property PublicModel vm: app.public
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: qsTr("公示名单：%1").arg(screen.vm.itemName)
        onBackClicked: screen.app.back()
        onHomeClicked: screen.app.home()
    }

    ColumnLayout {
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: Theme.margin }
        spacing: 20
        PlainText {
            objectName: "rowName"
            Layout.fillWidth: true
            text: screen.vm.row.name || ""
            font.family: Theme.fontFamily
            font.pixelSize: Theme.huge
            font.bold: true
            color: Theme.text
            horizontalAlignment: Text.AlignHCenter
        }
        PlainText {
            objectName: "rowAmount"
            Layout.fillWidth: true
            text: screen.vm.row.amountText || ""
            font.family: Theme.fontFamily
            font.pixelSize: Theme.huge
            font.bold: true
            color: Theme.primary
            horizontalAlignment: Text.AlignHCenter
        }
        PlainText {
            objectName: "rowDetail"
            Layout.fillWidth: true
            text: [screen.vm.row.group || "", screen.vm.row.sizeText ? qsTr("家庭人口 %1").arg(screen.vm.row.sizeText) : "",
                   screen.vm.row.period || ""].filter(function (s) { return s !== "" })
                  // Each part isolated (FSI…PDI): in a right-to-left line 2026年10月
                  // stays whole, not split around its neighbours' numbers.
                  .map(function (s) { return "\u2068" + s + "\u2069" }).join("    ")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.large
            color: Theme.text
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Item { Layout.fillHeight: true }
        PlainText {
            Layout.fillWidth: true
            text: qsTr("如果这一笔不对（不该领、冒领、金额不对），可以反映，不用留名字。")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            color: Theme.textMuted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        BigButton {
            objectName: "reportRow"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Math.max(520, implicitWidth)
            primary: true
            text: qsTr("这一笔有问题")
            onClicked: screen.vm.reportRow()
        }
    }
}
