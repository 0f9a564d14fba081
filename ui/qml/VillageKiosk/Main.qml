pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import QtQuick.VirtualKeyboard.Styles
import VillageKiosk.Models

Window {
    id: root
    required property AppModel app
    width: 1920
    height: 1080
    visible: true
    color: Theme.background
    title: qsTr("惠民惠农补贴查询")

    // The header strip: where and when, on every screen.
    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Theme.compact ? 72 : 84
        color: Theme.primary
        // Uyghur is written right to left: the header and every screen are mirrored.
        LayoutMirroring.enabled: root.app.rightToLeft
        LayoutMirroring.childrenInherit: true
        PlainText {
            id: villageText
            anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            text: root.app.village !== "" ? qsTr("%1 便民服务站").arg(root.app.village) : qsTr("便民服务站")
            color: Theme.primaryText
            font.family: Theme.fontFamily
            font.pixelSize: Theme.header
            font.bold: true
        }
        PlainText {
            id: clockText
            objectName: "clockText"
            anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            text: root.app.dateText + "  " + root.app.timeText
            color: Theme.primaryText
            font.family: Theme.fontFamily
            font.pixelSize: Theme.header
        }
        // Read-aloud, on every villager screen: what the screen says, in Mandarin,
        // and a larger type size that holds on every screen until the session times out.
        // Centred in the gap between the village and the clock.
        Row {
            readonly property Item leftText: root.app.rightToLeft ? clockText : villageText
            readonly property Item rightText: root.app.rightToLeft ? villageText : clockText
            readonly property real gapLeft: leftText.x + leftText.width
            x: gapLeft + Math.max(16, (rightText.x - gapLeft - width) / 2)
            anchors.verticalCenter: parent.verticalCenter
            height: parent.height - 8
            spacing: 12
            SpeakerButton {
                height: parent.height
                speech: root.app.speech
            }
            HeaderToggle {
                objectName: "largeTextButton"
                height: parent.height
                checked: root.app.largeText
                text: root.app.largeText ? qsTr("字小一点") : qsTr("字大一点")
                onClicked: root.app.toggleLargeText()
            }
        }
        // The clerk's hidden gesture: hold the top-left corner for three seconds.
        MouseArea {
            objectName: "clerkCorner"
            anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
            width: 160
            pressAndHoldInterval: 3000
            onPressAndHold: root.app.openClerk()
        }
    }

    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: keyboard.top }
        LayoutMirroring.enabled: root.app.rightToLeft
        LayoutMirroring.childrenInherit: true
        sourceComponent: {
            switch (root.app.screen) {
            case "reading": return readingScreen
            case "readError": return readErrorScreen
            case "unavailable": return unavailableScreen
            case "benefits": return benefitsScreen
            case "detail": return detailScreen
            case "print": return printScreen
            case "complaint": return complaintScreen
            case "myComplaints": return myComplaintsScreen
            case "notices": return noticesScreen
            case "complaintQuery": return complaintQueryScreen
            case "clerk": return clerkScreen
            case "public": return publicScreen
            case "rollItems": return rollItemsScreen
            case "roll": return rollScreen
            case "rollRow": return rollRowScreen
            case "powers": return powersScreen
            case "power": return powerScreen
            case "ledger": return ledgerScreen
            case "projects": return projectsScreen
            default: return welcomeScreen
            }
        }
    }

    Component { id: welcomeScreen; WelcomeScreen { app: root.app } }
    Component { id: readingScreen; ReadingScreen { } }
    Component {
        id: readErrorScreen
        MessageScreen {
            app: root.app
            objectName: "readErrorScreen"
            title: qsTr("没有读到身份证")
            message: root.app.message
        }
    }
    Component {
        id: unavailableScreen
        MessageScreen {
            app: root.app
            objectName: "unavailableScreen"
            title: qsTr("暂停服务")
            message: root.app.message
            showButtons: false
        }
    }
    Component { id: benefitsScreen; BenefitsScreen { app: root.app } }
    Component { id: detailScreen; DetailScreen { app: root.app } }
    Component { id: printScreen; PrintScreen { app: root.app } }
    Component { id: complaintScreen; ComplaintScreen { app: root.app } }
    Component { id: myComplaintsScreen; MyComplaintsScreen { app: root.app } }
    Component { id: noticesScreen; NoticesScreen { app: root.app } }
    Component { id: complaintQueryScreen; ComplaintQueryScreen { app: root.app } }
    // 村务公开 (issue 17): the hub, the public rolls, the micro-power list.
    Component {
        id: publicScreen
        ChoiceScreen {
            objectName: "publicScreen"
            app: root.app
            title: qsTr("村务公开")
            intro: qsTr("本村公开的事项，谁都可以看，不用身份证。")
            choices: root.app.public.sections
            columns: 2  // the hub's sections as tiles: all four on the screen at once
            onChosen: (index) => root.app.public.openSection(root.app.public.sections[index].key)
        }
    }
    Component {
        id: rollItemsScreen
        ChoiceScreen {
            objectName: "rollItemsScreen"
            app: root.app
            title: qsTr("公示花名册")
            intro: qsTr("县里公开的补贴名单：本村谁领了、领了多少。")
            emptyText: qsTr("本村现在没有正在公示的名单。")
            error: root.app.public.error
            choices: root.app.public.items
            onChosen: (index) => root.app.public.openItem(index)
        }
    }
    Component { id: rollScreen; RollScreen { app: root.app } }
    Component { id: rollRowScreen; RollRowScreen { app: root.app } }
    Component {
        id: powersScreen
        ChoiceScreen {
            objectName: "powersScreen"
            app: root.app
            title: qsTr("小微权力清单")
            intro: qsTr("村里这些事怎么办：一步一步看。")
            emptyText: qsTr("县里还没有发布小微权力清单。")
            error: root.app.public.error
            choices: root.app.public.powers
            onChosen: (index) => root.app.public.openPower(index)
        }
    }
    Component { id: powerScreen; PowerScreen { app: root.app } }
    Component { id: ledgerScreen; LedgerScreen { app: root.app } }
    Component { id: projectsScreen; ProjectsScreen { app: root.app } }
    // The clerk's screen (for staff) is mirrored in Uyghur like the others.
    Component { id: clerkScreen; ClerkScreen { app: root.app } }

    // "Still here?" in the last seconds before a personal screen clears.
    Rectangle {
        objectName: "countdownOverlay"
        anchors.fill: parent
        visible: root.app.countdown >= 0
        color: "#CC000000"
        z: 10
        MouseArea { anchors.fill: parent; onClicked: root.app.stillHere() }
        Column {
            anchors.centerIn: parent
            spacing: 32
            PlainText {
                anchors.horizontalCenter: parent.horizontalCenter
                text: qsTr("还在吗？%1 秒后自动退出，保护您的信息。").arg(root.app.countdown)
                // Wrapped, not cut, when a translation is longer than the screen is wide.
                width: Math.min(implicitWidth, root.width - 2 * Theme.margin)
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                color: "#FFFFFF"
                font.family: Theme.fontFamily
                font.pixelSize: Theme.title
                font.bold: true
            }
            BigButton {
                objectName: "stillHereButton"
                anchors.horizontalCenter: parent.horizontalCenter
                primary: true
                text: qsTr("我还在，继续")
                width: 480
                onClicked: root.app.stillHere()
            }
        }
    }

    // The virtual keyboard (and its pinyin engine's layouts) exists only while a
    // screen that takes typed text is shown: created when first needed, released
    // after (kiosk memory, tests/bench/bench_ui.py). The keyboard's height follows
    // its width: keep it to about 45 % of the screen so the text being typed stays
    // in view above it.
    Loader {
        id: keyboard
        z: 5
        active: root.app.screen === "complaint"
        width: Math.min(parent.width, parent.height * 1.25)
        x: (parent.width - width) / 2
        y: item !== null && (item as InputPanel).active ? parent.height - height : parent.height
        sourceComponent: InputPanel {
            id: panel
            objectName: "keyboard"

            // The stock pinyin candidate bar uses ~18 px type: too small for an
            // elderly reader to pick the right characters. Keep the stock style
            // and swap in a taller bar with body-sized candidates.
            Component.onCompleted: {
                const style = panel.keyboard.style
                style.selectionListHeight = Qt.binding(() => Theme.compact ? 56 : Theme.target)
                style.selectionListDelegate = candidateDelegate
            }
            Component {
                id: candidateDelegate
                SelectionListItem {
                    id: candidate
                    required property string display
                    width: candidateText.implicitWidth + 2 * Theme.margin
                    PlainText {
                        id: candidateText
                        anchors.centerIn: parent
                        text: candidate.display
                        font.family: Theme.fontFamily
                        font.pixelSize: Theme.large
                        color: candidate.ListView.isCurrentItem ? "#FFD54F" : "#FFFFFF"
                    }
                }
            }
        }
    }

    Binding { target: Theme; property: "highContrast"; value: root.app.highContrast }
    Binding { target: Theme; property: "largeText"; value: root.app.largeText }

    onHeightChanged: Theme.compact = height < 900
    Component.onCompleted: {
        Theme.compact = height < 900
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
        VirtualKeyboardSettings.locale = "zh_CN"
    }
}
