"""Untrusted text made harmless for where it goes: a terminal, a spreadsheet.

Everything from outside (a heartbeat's version string, a complaint's text, a
department's spreadsheet cell) may carry characters that act instead of
print: ANSI/OSC escape sequences and line breaks that forge rows on IT staff's
terminal, bidi overrides that reverse what is read, or a leading ``=`` that a
spreadsheet runs as a formula. Pure functions, shared by the county CLI, the
kiosk CLIs and the exports; :func:`say` is the one way a CLI prints a line
(it writes to the stream it is given, nothing else).
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from typing import Any, TextIO

__all__ = ["FORMULA_PREFIXES", "escape_controls", "plain_text", "safe_json", "say",
           "spreadsheet_cell", "xlsx_safe"]

#: What makes a spreadsheet treat a text cell as a formula (or DDE): OWASP's list.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Characters that change what a terminal shows rather than being shown: C0 (line breaks and
# ESC included), DEL, C1 (0x9B is a one-byte CSI on some terminals), and the invisible
# format characters that reorder or hide text (bidi embeddings, overrides and isolates,
# marks, zero-width joiners, the BOM, interlinear annotation, tag characters).
_BIDI_AND_FORMAT = (
    "\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"
    "\ufff9-\ufffb\U000e0000-\U000e007f"
)
# Lone surrogates (undecodable bytes smuggled through surrogateescape) are escaped too.
_TERMINAL_UNSAFE = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{_BIDI_AND_FORMAT}]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# What an XLSX cell cannot hold at all (XML 1.0 forbids them; openpyxl raises
# IllegalCharacterError): C0 controls except tab, line feed and carriage return.
# In JSON, C0 controls are escaped by json itself; these are the others it leaves raw.
_JSON_RAW = re.compile(f"[\x7f-\x9f\ud800-\udfff{_BIDI_AND_FORMAT}]")
_XLSX_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _visible(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF \
        else f"\\U{code:08x}"


def escape_controls(value: object) -> str:
    """``str(value)`` with every control, bidi and invisible format character written as
    a visible escape (``\\x1b``, ``\\n``, ``\\u202e``), so it prints as one inert line.

    For text from outside printed on a terminal. Printable text, CJK included, is
    unchanged; surrogates (invalid UTF-8 smuggled in) become ``\\udcXX``.
    """
    return _TERMINAL_UNSAFE.sub(_visible, str(value))


def say(text: object = "", *, file: TextIO | None = None, flush: bool = False) -> None:
    """Print ``text`` as one line with :func:`escape_controls` applied (stdout by default).

    Every human-readable line a CLI prints goes through here, so data from outside can
    neither forge a line nor send a terminal escape. Raises what ``print`` raises.
    """
    print(escape_controls(text), file=sys.stdout if file is None else file, flush=flush)


def safe_json(data: Any, *, indent: int | None = 2) -> str:
    """``data`` as JSON (Chinese unescaped) in which no character can drive a terminal.

    JSON escapes C0 controls itself; DEL, C1, bidi and invisible format characters and
    lone surrogates are written as ``\\uXXXX`` too. Same data for any JSON reader.
    """
    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# What stored plain text drops: controls (not tab, line feed), lone surrogates and the
# bidi controls that reorder what is read. Joiners stay (emoji sequences need them).
_NOT_PLAIN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff"
                        "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def plain_text(text: str) -> str:
    """``text`` as the plain text it is stored as: NFC, line breaks as ``\\n``, without
    control characters (tabs and line breaks stay) or bidi controls, trimmed.

    For what people type that others will read: complaints, notices, replies.
    Markup such as ``<b>`` is text like any other and stays, to be shown literally.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return _NOT_PLAIN.sub("", text).strip()


def xlsx_safe(text: str) -> str:
    """``text`` with the characters XLSX cannot hold written as visible escapes
    (``\\x1b``), so nothing is lost and the workbook can be written."""
    return _XLSX_ILLEGAL.sub(_visible, text)


# "-560" or "+1,234.50" (an amount a department typed) is a number, not a formula: kept.
_SIGNED_NUMBER = re.compile(r"[+-][0-9][0-9,]*(\.[0-9]+)?")


def spreadsheet_cell(value: Any) -> Any:
    """A cell value safe for CSV and XLSX exports.

    Text that a spreadsheet would run (starting with ``= + - @``, tab or CR — a
    plain signed number such as ``-560`` excepted) gets a leading apostrophe, so it
    is shown as the text it is (OWASP's advice for CSV injection); characters XLSX
    cannot hold become visible escapes. ``None`` is
    an empty cell; numbers and other values pass unchanged.
    """
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_PREFIXES) and not _SIGNED_NUMBER.fullmatch(value):
        value = "'" + value
    return xlsx_safe(value)
