pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts

// A large numeric keypad: digits, "删除" (back) and an optional confirm key.
GridLayout {
    id: pad
    property string okText: qsTr("确定")
    property bool showOk: true
    signal keyPressed(string key)
    columns: 3
    // Digits stay 1 2 3 from left to right in right-to-left languages too, as on phones.
    LayoutMirroring.enabled: false
    LayoutMirroring.childrenInherit: true
    rowSpacing: 12
    columnSpacing: 12
    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "back", "0", "ok"]
        BigButton {
            required property string modelData
            objectName: "key_" + modelData
            Layout.preferredWidth: Math.max(170, contentItem.implicitWidth + leftPadding + rightPadding)
            Layout.preferredHeight: 88
            visible: modelData !== "ok" || pad.showOk
            primary: modelData === "ok"
            text: modelData === "back" ? qsTr("删除") : (modelData === "ok" ? pad.okText : modelData)
            font.pixelSize: modelData.length === 1 ? Theme.title : Theme.body
            onClicked: pad.keyPressed(modelData)
        }
    }
}
