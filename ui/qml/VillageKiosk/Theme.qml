pragma Singleton
pragma ComponentBehavior: Bound
import QtQuick

// Colours (WCAG AA on their backgrounds), type sizes and touch-target sizes.
// Body text >= 28 px, amounts >= 48 px, touch targets >= 64 px (issue 6).
// Two switches hold on every screen (issue 18), set by Main from the view-model:
// highContrast (the terminal's [ui] theme: white and yellow on black) and
// largeText (the villager's "字大一点" button: every type size x 1.25).
QtObject {
    property bool highContrast: false
    property bool largeText: false
    readonly property real textScale: largeText ? 1.25 : 1.0

    readonly property string fontFamily: "Noto Sans CJK SC"
    readonly property color background: highContrast ? "#000000" : "#F7F4EC"
    readonly property color surface: highContrast ? "#000000" : "#FFFFFF"
    readonly property color text: highContrast ? "#FFFFFF" : "#1A1A1A"        // 21:1 / 16.9:1
    readonly property color textMuted: highContrast ? "#FFFF66" : "#4A4A4A"   // 19.2:1 / 8.3:1
    readonly property color primary: highContrast ? "#FFE500" : "#A31F1A"     // with primaryText: 16.6:1 / 7.0:1
    readonly property color primaryText: highContrast ? "#000000" : "#FFFFFF"
    readonly property color secondary: highContrast ? "#FFFFFF" : "#1F4E79"   // 21:1 / 8.6:1 with primaryText
    readonly property color paid: highContrast ? "#66FF66" : "#1B5E20"        // 15.6:1 on black / 7.9:1 on white
    readonly property color pending: highContrast ? "#FFB000" : "#8A4B00"     // 11.4:1 / 6.4:1
    readonly property color returned: highContrast ? "#FF8080" : "#A31F1A"    // 8.7:1 / 7.0:1
    readonly property color badgeText: highContrast ? "#000000" : "#FFFFFF"   // on paid/pending/returned
    readonly property color border: highContrast ? "#FFFFFF" : "#8C8C8C"
    readonly property color divider: highContrast ? "#FFFFFF" : "#DDDDDD"
    readonly property color sectionBg: highContrast ? "#1F1F1F" : "#E8EEF5"
    readonly property color warningBg: highContrast ? "#332B00" : "#FFF4D6"
    readonly property color readerBg: highContrast ? "#FFFFFF" : "#3B3B3B"
    readonly property color readerText: highContrast ? "#000000" : "#FFFFFF"
    readonly property color cardBg: highContrast ? "#000000" : "#D8ECFA"

    // Set by Main from the window height: 1280x800 panels get the compact sizes,
    // which still keep every minimum.
    property bool compact: false
    // The header strip keeps its size: it holds the village, the clock and the
    // read-aloud and 字大一点 buttons side by side on a 1280 px panel.
    readonly property int header: compact ? 30 : 32
    readonly property int small: Math.round(28 * textScale)   // nothing smaller than 28
    readonly property int body: Math.round((compact ? 30 : 32) * textScale)
    readonly property int large: Math.round((compact ? 34 : 40) * textScale)
    readonly property int title: Math.round((compact ? 40 : 48) * textScale)
    readonly property int amount: Math.round((compact ? 52 : 56) * textScale)
    readonly property int huge: Math.round((compact ? 64 : 84) * textScale)
    readonly property int target: compact ? 72 : 88  // button height
    readonly property int minTarget: 64
    readonly property int radius: 14
    readonly property int margin: compact ? 20 : 32
}
