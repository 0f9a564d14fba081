pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import VillageKiosk.Models

// 村级工程: the village's projects → one project's stages as a timeline → a stage's document
// full-screen. Back steps out one page at a time; no ID card needed, nothing personal shown.
Rectangle {
    id: screen
    objectName: "projectsScreen"
    required property AppModel app
    readonly property ProjectsModel vm: app.projects
    color: Theme.background

    TopBar {
        id: bar
        anchors { left: parent.left; right: parent.right; top: parent.top }
        title: screen.vm.page === "document" ? qsTr("工程文件") : qsTr("村级工程")
        onBackClicked: if (!screen.vm.back()) screen.app.back()
        onHomeClicked: screen.app.home()
    }

    // Page 1: one button per project, with its money and the stage it has reached.
    ColumnLayout {
        objectName: "projectsList"
        visible: screen.vm.page === "list"
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 24 }
        spacing: 16
        PlainText {
            objectName: "projectsEmpty"
            visible: screen.vm.empty
            Layout.fillWidth: true
            text: screen.vm.error ? qsTr("现在读不出这些内容，请稍后再试，或请工作人员帮助。")
                                  : qsTr("村里的工程还没有公开到这台机器上。")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.large
            color: Theme.textMuted
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        PlainText {
            visible: !screen.vm.empty
            text: qsTr("点一个工程，看它从立项到决算的每一步：")
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            color: Theme.text
        }
        ListView {
            id: projectList
            objectName: "projectList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 12
            model: screen.vm.projects
            ScrollBar.vertical: ScrollBar { width: 24 }
            delegate: BigButton {
                required property var modelData
                required property int index
                objectName: "project_" + index
                width: projectList.width - 30
                text: modelData.title
                hint: modelData.hint
                onClicked: screen.vm.openProject(index)
            }
        }
    }

    // Page 2: the project's money on top, then its stages as a timeline.
    ColumnLayout {
        objectName: "projectTimeline"
        visible: screen.vm.page === "timeline"
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 24 }
        spacing: 12
        PlainText {
            objectName: "projectTitle"
            Layout.fillWidth: true
            text: screen.vm.projectTitle
            font.family: Theme.fontFamily
            font.pixelSize: Theme.title
            font.bold: true
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        PlainText {
            objectName: "projectSummary"
            visible: screen.vm.projectSummary !== ""
            Layout.fillWidth: true
            text: screen.vm.projectSummary
            font.family: Theme.fontFamily
            font.pixelSize: Theme.large
            font.bold: true
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        ListView {
            id: stageList
            objectName: "stageList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 0
            model: screen.vm.stages
            ScrollBar.vertical: ScrollBar { width: 24 }
            delegate: Item {
                id: stage
                required property var modelData
                required property int index
                objectName: "stage_" + index
                // Clear of the scroll bar (on the left when mirrored, right to left).
                x: LayoutMirroring.enabled ? 30 : 0
                width: stageList.width - 30
                implicitHeight: card.implicitHeight + 16
                // The timeline: a line down the start side (left; right when mirrored)
                // with a dot per stage.
                Rectangle {
                    x: LayoutMirroring.enabled ? parent.width - 18 - width : 18
                    width: 6
                    y: stage.index === 0 ? 24 : 0
                    height: stage.index === stageList.count - 1 ? 24 : parent.height - y
                    color: Theme.border
                }
                Rectangle {
                    x: LayoutMirroring.enabled ? parent.width - 7 - width : 7
                    y: 16
                    width: 28
                    height: 28
                    radius: 14
                    color: stage.modelData.latest ? Theme.primary : Theme.secondary
                }
                Rectangle {
                    id: card
                    anchors { left: parent.left; right: parent.right; top: parent.top; leftMargin: 52 }
                    implicitHeight: stageRow.implicitHeight + 24
                    color: Theme.surface
                    border.color: stage.modelData.latest ? Theme.primary : Theme.border
                    border.width: stage.modelData.latest ? 3 : 1
                    radius: Theme.radius
                    RowLayout {
                        id: stageRow
                        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 16 }
                        spacing: 16
                        Column {
                            Layout.fillWidth: true
                            spacing: 4
                            // The stage and its date: on one line where they fit, else the
                            // date whole on the next (a date never breaks in two).
                            Flow {
                                width: parent.width
                                spacing: 4
                                PlainText {
                                    width: Math.min(implicitWidth, parent.width)
                                    text: stage.modelData.label + "　"
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.large
                                    font.bold: true
                                    color: Theme.text
                                    wrapMode: Text.WordWrap
                                }
                                PlainText {
                                    objectName: "stageDate_" + stage.index
                                    width: Math.min(implicitWidth, parent.width)
                                    text: stage.modelData.dateText
                                    font.family: Theme.fontFamily
                                    font.pixelSize: Theme.large
                                    font.bold: true
                                    color: Theme.text
                                    wrapMode: Text.WordWrap
                                }
                            }
                            PlainText {
                                width: parent.width
                                visible: text !== ""
                                text: stage.modelData.who
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.body
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                            PlainText {
                                width: parent.width
                                visible: text !== ""
                                text: stage.modelData.note
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.small
                                color: Theme.textMuted
                                wrapMode: Text.WordWrap
                            }
                        }
                        Column {
                            spacing: 8
                            PlainText {
                                objectName: "stageAmount_" + stage.index
                                anchors.right: parent.right
                                visible: text !== ""
                                text: stage.modelData.amount
                                font.family: Theme.fontFamily
                                font.pixelSize: Theme.large
                                font.bold: true
                                color: Theme.text
                            }
                            Row {
                                anchors.right: parent.right
                                spacing: 12
                                BigButton {
                                    objectName: "document_" + stage.index
                                    visible: stage.modelData.hasImage
                                    text: qsTr("看文件")
                                    onClicked: screen.vm.openDocument(stage.index)
                                }
                                BigButton {
                                    objectName: "stageComplain_" + stage.index
                                    text: qsTr("这一笔有问题")
                                    font.pixelSize: Theme.body
                                    onClicked: screen.vm.complain(stage.index)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // Page 3: the document image as large as the screen allows.
    ColumnLayout {
        objectName: "projectDocument"
        visible: screen.vm.page === "document"
        anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: parent.bottom; margins: 16 }
        spacing: 8
        PlainText {
            Layout.fillWidth: true
            text: screen.vm.documentTitle
            font.family: Theme.fontFamily
            font.pixelSize: Theme.body
            color: Theme.text
            elide: Text.ElideRight
        }
        Image {
            objectName: "documentImage"
            Layout.fillWidth: true
            Layout.fillHeight: true
            source: screen.vm.documentSource
            fillMode: Image.PreserveAspectFit
            asynchronous: false
            cache: false
        }
    }
}
