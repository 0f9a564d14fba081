pragma ComponentBehavior: Bound
import QtQuick

// The one Text of the kiosk. Everything it shows may come from outside (county notices and
// replies, department and period strings from spreadsheets, what a villager typed), so it is
// always plain text: Qt rich text would run markup and fetch <img src="http://…">.
// tests/screens/test_plain_text.py refuses a bare Text or Label and any other textFormat.
Text {
    textFormat: Text.PlainText
}
