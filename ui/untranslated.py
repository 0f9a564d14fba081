"""Finding Chinese left on a screen shown in another language (issue 18).

The tour (``kiosk tour --lang en``) walks the real QML item tree of every screen
it visits and reports each visible text that still holds Chinese characters,
except data: a run of Chinese characters that occurs in the terminal's own
database (names, benefit items, departments, notices, the county's replies, the
complaints villagers wrote) or in the terminal's place name is data, and stays
as the county or the villager wrote it — unless the whole text is one of the
kiosk's own source strings (:func:`wording`, the ``<source>`` texts of
ui/i18n/*.ts): 村级工程 left in Chinese is untranslated even where a notice
happens to use the same words. Text fields (what a villager types, in
pinyin) and the on-screen keyboard are data too, and so is the language
switch's own "中文".
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from PySide6.QtQuick import QQuickItem, QQuickWindow

__all__ = ["DataText", "han_runs", "shown_texts", "untranslated", "wording"]

#: Han ideographs (CJK unified, extension A, the supplementary planes' extensions).
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]+")
#: Subtrees whose text is the villager's or the data's, never the kiosk's wording.
_DATA_ITEMS = frozenset({"keyboard", "language_zh_CN"})
#: Item classes whose text is what someone typed.
_EDITABLE = ("TextInput", "TextEdit", "TextField", "TextArea")


def han_runs(text: str) -> list[str]:
    """The runs of Chinese characters in ``text``, in order."""
    return _HAN.findall(text)


class DataText:
    """Every text value the terminal's database holds (sqlite file ``db``)."""

    def __init__(self, db: Path, *, extra: Iterable[str] = ()) -> None:
        """``extra``: data not (yet) in the database, e.g. a complaint being written."""
        values: list[str] = list(extra)
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            tables = [r[0] for r in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                quoted = '"' + table.replace('"', '""') + '"'
                for row in con.execute(f"SELECT * FROM {quoted}"):
                    values += [v for v in row if isinstance(v, str) and _HAN.search(v)]
        finally:
            con.close()
        self._text = "\n".join(values)

    def holds(self, run: str) -> bool:
        """Whether ``run`` occurs in some value of the database."""
        return run in self._text


def shown_texts(window: QQuickWindow) -> Iterator[str]:
    """The text of every visible item of ``window`` but typed text and data subtrees."""
    stack: list[QQuickItem] = [window.contentItem()]
    while stack:
        item = stack.pop()
        if not item.isVisible() or item.opacity() == 0 or item.objectName() in _DATA_ITEMS:
            continue
        text = item.property("text")
        if isinstance(text, str) and text and \
                not item.metaObject().className().startswith(_EDITABLE):
            yield text
        stack.extend(item.childItems())


def wording(ts_file: Path) -> frozenset[str]:
    """The kiosk's own source strings (Chinese) in the Qt translation file ``ts_file``."""
    import xml.etree.ElementTree as ET  # only the tour needs it

    root = ET.parse(ts_file).getroot()
    return frozenset(text for text in (s.text for s in root.iter("source")) if text)


def untranslated(texts: Iterable[str], data: DataText,
                 sources: frozenset[str] = frozenset()) -> list[str]:
    """The texts holding a run of Chinese that is not data, or that are one of the
    kiosk's ``sources`` as they are (each once, in order)."""
    found: list[str] = []
    for text in texts:
        if text not in found and han_runs(text) and (
                text in sources or any(not data.holds(run) for run in han_runs(text))):
            found.append(text)
    return found
