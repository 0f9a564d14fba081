"""The village finance screen (村级财务, issue 17): months, a month's entries, a voucher.

Three pages inside one screen, each with one thing to do: the months (with the
year's income, expense and balance on top) → a month's entries (its totals
on top; tap an entry with a voucher to see it) → the voucher image filling the
screen. ``back()`` steps out one page; on the months page the app's own back
applies. Usable without an ID card, like the notices: nothing personal here.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.complaints import Concerns
from kiosk.ledger import EntryView, Ledger, Totals, read_ledger, voucher_path
from kiosk.money import format_yuan
from ui.tr import QT_TR_NOOP, month_day_text, month_text, tr
from ui.viewmodels.base import ViewModel, readonly, uncreatable
from ui.viewmodels.complaint import ComplaintModel
from ui.viewmodels.screens import Screen

if TYPE_CHECKING:
    from ui.services import KioskServices

__all__ = ["LedgerModel"]

QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

LedgerSource = Callable[[str | None], Ledger]
VoucherSource = Callable[[str], Path | None]


#: An entry's kind as shown (kiosk.ledger.KIND_LABELS_ZH, through :func:`ui.tr.tr`).
KIND_LABELS = {"income": QT_TR_NOOP("收入"), "expense": QT_TR_NOOP("支出")}
_VOUCHER = QT_TR_NOOP("凭证")


def month_label(month: str) -> str:
    """``2026-10`` → ``2026年10月`` (``October 2026``)."""
    year, _, number = month.partition("-")
    if year.isdigit() and number.isdigit() and 1 <= int(number) <= 12:
        return month_text(int(year), int(number))
    return month


def _totals(t: Totals) -> dict[str, str]:
    return {"income": format_yuan(t.income_fen), "expense": format_yuan(t.expense_fen),
            "balance": format_yuan(t.balance_fen)}


_BLANK: dict[str, Any] = {"page": "months", "months": [], "yearTitle": "", "yearTotals": {},
                          "monthTitle": "", "monthTotals": {}, "entries": [],
                          "voucherSource": "", "voucherTitle": "", "empty": True}


@QmlElement
@uncreatable
class LedgerModel(ViewModel):
    """State of the 村级财务 screen; ``page`` is ``months`` | ``entries`` | ``voucher``."""

    changed = Signal()

    page = readonly(str, "page", changed)
    months = readonly("QVariantList", "months", changed)
    yearTitle = readonly(str, "yearTitle", changed)
    yearTotals = readonly("QVariantMap", "yearTotals", changed)
    monthTitle = readonly(str, "monthTitle", changed)
    monthTotals = readonly("QVariantMap", "monthTotals", changed)
    entries = readonly("QVariantList", "entries", changed)
    voucherSource = readonly(str, "voucherSource", changed)
    voucherTitle = readonly(str, "voucherTitle", changed)
    empty = readonly(bool, "empty", changed)

    def __init__(self, source: LedgerSource, voucher: VoucherSource,
                 go: Callable[[Screen], None], complaint: ComplaintModel,
                 parent: QObject | None = None) -> None:
        """``source(month)`` reads the ledger; ``voucher(sha)`` the checked image's path;
        ``go(screen)`` shows a screen; ``complaint`` is the complaint flow's model."""
        super().__init__(parent, **_BLANK)
        self._source, self._voucher, self._go = source, voucher, go
        self._complaint = complaint
        self._ledger: Ledger | None = None
        self._entry: EntryView | None = None  # the voucher's, on the voucher page

    @property
    def ledger(self) -> Ledger | None:
        """What is on show (the months page: the year's; the entries page: the month's)."""
        return self._ledger

    @property
    def voucher_entry(self) -> EntryView | None:
        """The entry whose voucher is on show (the voucher page), else None."""
        return self._entry if self._state["page"] == "voucher" else None

    @classmethod
    def of(cls, services: KioskServices, go: Callable[[Screen], None],
           complaint: ComplaintModel, parent: QObject | None = None) -> LedgerModel:
        """The model reading the terminal's store (``services.engine``; none: reads fail)."""
        def source(month: str | None) -> Ledger:
            if services.engine is None:
                raise RuntimeError("no store")
            return read_ledger(services.engine, month=month)

        db_path = services.config.store.path
        return cls(source, lambda sha: voucher_path(db_path, sha), go, complaint, parent)

    @Slot()
    def open(self) -> None:
        """Show the months (the 村级财务 section of the 村务公开 hub)."""
        self.refresh()
        self._go(Screen.LEDGER)

    @Slot()
    def refresh(self) -> None:
        """Re-read the months and the year's totals; back to the months page."""
        try:
            ledger = self._source(None)
        except Exception:
            self._update(**_BLANK)
            self.failed.emit("ledger could not be read")
            return
        year = ledger.year_totals
        months = [{"title": month_label(m.label), "key": m.label, **_totals(m)}
                  for m in ledger.months]
        self._ledger = ledger
        self._update(**{**_BLANK, "months": months, "empty": not months,
                        "yearTitle": tr("{year}年").format(year=year.label) if months else "",
                        "yearTotals": _totals(year) if months else {}})

    @Slot(int)
    def openMonth(self, index: int) -> None:
        """Show the entries of ``months[index]``."""
        months = self._state["months"]
        if not 0 <= index < len(months):
            return
        try:
            ledger = self._source(months[index]["key"])
        except Exception:
            self.failed.emit("ledger could not be read")
            return
        self._ledger = ledger
        rows = [{"dateText": month_day_text(e.entry_date),
                 "summary": e.summary, "kind": e.kind, "kindLabel": tr(KIND_LABELS[e.kind]),
                 "amount": format_yuan(e.amount_fen), "counterparty": e.counterparty,
                 "voucher": e.voucher, "hasImage": self._voucher(e.image_sha256) is not None}
                for e in ledger.entries]
        self._update(page="entries", monthTitle=month_label(ledger.month),
                     monthTotals=_totals(ledger.month_totals), entries=rows,
                     voucherSource="", voucherTitle="")

    @Slot(int)
    def openVoucher(self, index: int) -> None:
        """Show the voucher image of ``entries[index]`` full-screen (if it has one)."""
        if self._ledger is None or not 0 <= index < len(self._ledger.entries):
            return
        entry = self._ledger.entries[index]
        path = self._voucher(entry.image_sha256)
        if path is None:
            return
        self._entry = entry
        self._update(page="voucher", voucherSource=QUrl.fromLocalFile(str(path)).toString(),
                     voucherTitle=f"{entry.voucher or tr(_VOUCHER)} · {entry.summary}")

    @Slot(int)
    def complain(self, index: int) -> None:
        """这一笔有问题: the complaint flow about ``entries[index]`` (no card needed;
        anonymous then, as any complaint without a card)."""
        if self._ledger is None or not 0 <= index < len(self._ledger.entries):
            return
        entry = self._ledger.entries[index]
        words = (f"{month_day_text(entry.entry_date)} {entry.summary} "
                 f"{tr(KIND_LABELS[entry.kind])} {format_yuan(entry.amount_fen)}")
        self._complaint.start(None, holder_hash=None, holder_name=None,
                              concerns=(Concerns("ledger_entry", str(entry.id)), words))
        self._go(Screen.COMPLAINT)

    @Slot(result=bool)
    def back(self) -> bool:
        """One page back; False on the months page (the app's back applies then)."""
        page = self._state["page"]
        if page == "voucher":
            self._update(page="entries", voucherSource="", voucherTitle="")
            return True
        if page == "entries":
            self._update(page="months", entries=[], monthTitle="", monthTotals={})
            return True
        return False

    def clear(self) -> None:
        """Back to the months page with nothing loaded (on going home)."""
        self._ledger = None
        self._update(**_BLANK)
