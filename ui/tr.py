"""Python-built text in the villager's language (issue 18), beside the QML's ``qsTr()``.

Strings the view-models format are marked where they are written:
``tr("共 {count} 笔")`` at the moment of formatting, ``QT_TR_NOOP("…")`` for
constants in tables (translated later with :func:`tr`). ``pyside6-lupdate`` finds
both in the ``.py`` files (``make ts``) and files them under the empty context;
placeholders are ``str.format`` names, so a translation may reorder them. Kept
tiny and Qt-only, so that any ui module can use it.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication

__all__ = ["QT_TR_NOOP", "day_text", "header_date", "is_chinese", "language",
           "month_day_text", "month_text", "set_language", "tr"]

_state = {"language": "zh_CN"}


def QT_TR_NOOP(text: str) -> str:
    """Marks ``text`` for translation where it is written; returns it unchanged."""
    return text


_MONTHS = (QT_TR_NOOP("1月"), QT_TR_NOOP("2月"), QT_TR_NOOP("3月"), QT_TR_NOOP("4月"),
           QT_TR_NOOP("5月"), QT_TR_NOOP("6月"), QT_TR_NOOP("7月"), QT_TR_NOOP("8月"),
           QT_TR_NOOP("9月"), QT_TR_NOOP("10月"), QT_TR_NOOP("11月"), QT_TR_NOOP("12月"))
_WEEKDAYS = (QT_TR_NOOP("星期一"), QT_TR_NOOP("星期二"), QT_TR_NOOP("星期三"),
             QT_TR_NOOP("星期四"), QT_TR_NOOP("星期五"), QT_TR_NOOP("星期六"),
             QT_TR_NOOP("星期日"))


def tr(text: str) -> str:
    """``text`` (Chinese, the source language) in the installed translation's language."""
    return QCoreApplication.translate("", text)


def set_language(code: str) -> None:
    """Record the language whose translator is installed (ui.i18n.Translations)."""
    _state["language"] = code


def language() -> str:
    """The code of the installed language (``zh_CN``, ``en``, ``ug``)."""
    return _state["language"]


def is_chinese() -> bool:
    """Whether the screens are in Chinese (Chinese-only forms such as 大写 amounts)."""
    return _state["language"] == "zh_CN"


def day_text(d: date) -> str:
    """``2026年11月20日`` / ``20 November 2026``."""
    return tr("{year}年{month}月{day}日").format(year=d.year, month=d.month, day=d.day,
                                                month_name=tr(_MONTHS[d.month - 1]))


def month_text(year: int, month: int) -> str:
    """``2026年10月`` / ``October 2026``."""
    return tr("{year}年{month}月").format(year=year, month=month,
                                         month_name=tr(_MONTHS[month - 1]))


def month_day_text(d: date) -> str:
    """``10月3日`` / ``3 October`` (the year is said elsewhere)."""
    return tr("{month}月{day}日").format(month=d.month, day=d.day,
                                        month_name=tr(_MONTHS[d.month - 1]))


def header_date(now: datetime) -> str:
    """The header's date with the weekday: ``2026年11月20日 星期五``."""
    return tr("{date} {weekday}").format(date=day_text(now.date()),
                                         weekday=tr(_WEEKDAYS[now.weekday()]))
