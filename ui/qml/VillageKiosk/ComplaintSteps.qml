pragma ComponentBehavior: Bound
import QtQuick

// A complaint's progress as four boxes (受理 → 办理 → 答复 → 办结), done ones filled,
// each with its date: ui.viewmodels.mycomplaints.steps_of gives the list.
Row {
    id: row
    property var steps: []
    spacing: 8
    Repeater {
        model: row.steps
        delegate: Rectangle {
            id: stepBox
            required property var modelData
            required property int index
            width: 210
            height: stepText.implicitHeight + 16
            radius: Theme.radius
            color: stepBox.modelData.done ? Theme.paid : Theme.background
            border.color: stepBox.modelData.done ? Theme.paid : Theme.border
            border.width: 2
            PlainText {
                id: stepText
                anchors.centerIn: parent
                width: parent.width - 12
                horizontalAlignment: Text.AlignHCenter
                text: (stepBox.index + 1) + ". " + stepBox.modelData.label
                      + (stepBox.modelData.date ? "\n" + stepBox.modelData.date : "")
                font.family: Theme.fontFamily
                font.pixelSize: Theme.small
                font.bold: stepBox.modelData.done
                color: stepBox.modelData.done ? Theme.primaryText : Theme.textMuted
            }
        }
    }
}
