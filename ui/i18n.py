"""The kiosk's second language, through Qt's translation system (issue 18).

The QML's ``qsTr()`` strings are extracted into ``ui/i18n/village_kiosk_LANG.ts``
(``make ts``, pyside6-lupdate), translated there, and compiled to ``.qm`` files
beside them by ``make`` (pyside6-lrelease). Chinese is the source language: it
needs no file. Uyghur is written right to left: the layout is mirrored
(``rightToLeft`` of the root view-model drives QML's ``LayoutMirroring``; the
application's own layout direction stays left to right, which QtVirtualKeyboard's
pinyin panel needs to open).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from ui.tr import set_language

__all__ = ["I18N_DIR", "LANGUAGES", "RIGHT_TO_LEFT", "SOURCE_LANGUAGE", "Translations"]

log = logging.getLogger(__name__)

I18N_DIR = Path(__file__).resolve().parent / "i18n"
SOURCE_LANGUAGE = "zh_CN"
#: Language code → its name written in itself (what the welcome screen's buttons say).
LANGUAGES = {"zh_CN": "中文", "en": "English", "ug": "ئۇيغۇرچە"}
RIGHT_TO_LEFT = frozenset({"ug"})


def qm_file(code: str) -> Path:
    """The compiled translation of ``code`` (built by make)."""
    return I18N_DIR / f"village_kiosk_{code}.qm"


class Translations:
    """Installs the translator of one language at a time. GUI thread only."""

    def __init__(self) -> None:
        self._translator: QTranslator | None = None
        self.language = SOURCE_LANGUAGE

    def switch(self, code: str) -> bool:
        """Show the UI in ``code``; False (and Chinese kept) if its ``.qm`` is missing.

        The caller re-evaluates the QML's strings (``QQmlEngine.retranslate()``).
        """
        if code not in LANGUAGES:
            raise ValueError(f"unknown language {code!r}")
        translator: QTranslator | None = None
        if code != SOURCE_LANGUAGE:
            translator = QTranslator()
            if not translator.load(str(qm_file(code))):
                log.warning("no translation %s (run make): the kiosk stays in Chinese",
                            qm_file(code))
                return False
        if self._translator is not None:
            QCoreApplication.removeTranslator(self._translator)
        if translator is not None:
            QCoreApplication.installTranslator(translator)
        self._translator = translator
        self.language = code
        set_language(code)
        return True
