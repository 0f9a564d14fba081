pragma Singleton
pragma ComponentBehavior: Bound
import QtQuick

// Colours (WCAG AA on their backgrounds), type sizes and touch-target sizes.
// Body text >= 28 px, amounts >= 48 px, touch targets >= 64 px (issue 6).
QtObject {
    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property color background: "#F7F4EC"
    readonly property color surface: "#FFFFFF"
    readonly property color text: "#1A1A1A"          // 16.9:1 on background
    readonly property color textMuted: "#4A4A4A"     // 8.3:1 on background
    readonly property color primary: "#A31F1A"       // 7.0:1 with white text
    readonly property color primaryText: "#FFFFFF"
    readonly property color secondary: "#1F4E79"     // 8.6:1 with white text
    readonly property color paid: "#1B5E20"          // 7.9:1 on white
    readonly property color pending: "#8A4B00"       // 6.4:1 on white
    readonly property color returned: "#A31F1A"      // 7.0:1 on white
    readonly property color border: "#8C8C8C"
    readonly property color warningBg: "#FFF4D6"

    // Set by Main from the window height: 1280x800 panels get the compact sizes,
    // which still keep every minimum.
    property bool compact: false
    readonly property int small: 28                  // nothing smaller than this
    readonly property int body: compact ? 30 : 32
    readonly property int large: compact ? 34 : 40
    readonly property int title: compact ? 40 : 48
    readonly property int amount: compact ? 52 : 56
    readonly property int huge: compact ? 64 : 84
    readonly property int target: compact ? 72 : 88  // button height
    readonly property int minTarget: 64
    readonly property int radius: 14
    readonly property int margin: compact ? 20 : 32
}
