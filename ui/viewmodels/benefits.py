"""The "my benefits" screen and the item-detail screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.lookup import LookupResult, PaymentLine
from kiosk.money import format_yuan, to_capitals
from kiosk.powers import PowerView
from kiosk.timefmt import format_local
from ui.tr import QT_TR_NOOP, day_text, is_chinese, tr
from ui.viewmodels.base import ViewModel, readonly, uncreatable

__all__ = ["BenefitsModel", "ItemDetailModel"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

_EMPTY: dict[str, Any] = dict(
    holderName="", maskedId="", asOfText="", years=[], yearIndex=0, yearTitle="",
    yearTotalText="", yearCapitals="", yearNote="", payments=[], empty=False, loaded=False,
    replyNotice="",
)

_DETAIL_BLANK: dict[str, Any] = dict(itemCode="", itemName="", department="", standard="",
                                     policy="", applyPower="", applyHint="",
                                     payments=[], totalText="")


#: The payment statuses as the screen shows them (kiosk.lookup.STATUS_LABELS_ZH, marked
#: for translation; the speech keeps the Chinese table).
_STATUS = {"paid": QT_TR_NOOP("已发放"), "pending": QT_TR_NOOP("待发放"),
           "returned": QT_TR_NOOP("被退回")}


def payment_row(p: PaymentLine) -> dict[str, Any]:
    """One payment as a QML list element (all text pre-formatted here, not in QML)."""
    return {
        "paymentId": p.payment_id,
        "itemCode": p.item_code,
        "itemName": p.item_name + (tr("（全户）") if p.household else ""),
        "period": p.period,
        "paidOn": day_text(p.paid_on),
        "amountText": format_yuan(p.amount_fen),
        "status": p.status,
        "statusText": tr(_STATUS.get(p.status, p.status)),
        "department": p.department,
        "household": p.household,
    }


@QmlElement
@uncreatable
class BenefitsModel(ViewModel):
    """Holder, years with totals, the selected year's payments grouped by item."""

    changed = Signal()

    holderName = readonly(str, "holderName", changed)
    maskedId = readonly(str, "maskedId", changed)
    asOfText = readonly(str, "asOfText", changed)
    years = readonly("QVariantList", "years", changed)
    yearIndex = readonly(int, "yearIndex", changed)
    yearTitle = readonly(str, "yearTitle", changed)
    yearTotalText = readonly(str, "yearTotalText", changed)
    yearCapitals = readonly(str, "yearCapitals", changed)
    yearNote = readonly(str, "yearNote", changed)
    payments = readonly("QVariantList", "payments", changed)
    empty = readonly(bool, "empty", changed)
    loaded = readonly(bool, "loaded", changed)
    replyNotice = readonly(str, "replyNotice", changed)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent, **_EMPTY)
        self._result: LookupResult | None = None

    @property
    def result(self) -> LookupResult | None:
        """The lookup behind the screen (for receipts and complaints), or None."""
        return self._result

    def load(self, result: LookupResult, *, holder_name: str, replies: int = 0) -> None:
        """Show ``result`` for the card holder ``holder_name``. GUI thread."""
        self._result = result
        years = [
            {"year": y.year, "label": tr("{year}年").format(year=y.year), "short": str(y.year),
             "totalText": format_yuan(y.total_fen)}
            for y in result.years
        ]
        self._update(holderName=holder_name, maskedId=result.masked_id,
                     asOfText=format_local(result.as_of) if result.as_of else tr("尚未同步"),
                     years=years, empty=not result.found, loaded=True,
                     replyNotice=tr("您有 {count} 条投诉已经有了回复，请点“我的投诉”查看。").format(
                         count=replies)
                     if replies else "")
        self.selectYear(0)

    @Slot(int)
    def selectYear(self, index: int) -> None:
        """Show the ``index``-th year (0 = newest). Out-of-range indexes are ignored."""
        result = self._result
        if result is not None and result.years and not 0 <= index < len(result.years):
            return  # a stale screen's index: keep showing the year shown
        if result is None or not result.years:
            self._update(yearIndex=0, yearTitle="", yearTotalText="", yearCapitals="",
                         yearNote="", payments=[])
            return
        year = result.years[index]
        notes = []
        if year.pending_fen:
            notes.append(tr("还有 {amount} 待发放").format(amount=format_yuan(year.pending_fen)))
        if year.returned_fen:
            notes.append(tr("有 {amount} 被银行退回").format(amount=format_yuan(year.returned_fen)))
        self._update(yearIndex=index, yearTitle=tr("{year}年已发放合计").format(year=year.year),
                     yearTotalText=format_yuan(year.total_fen),
                     yearCapitals=to_capitals(year.total_fen) if is_chinese() else "",
                     yearNote=tr("，").join(notes),
                     payments=[payment_row(p) for p in year.payments])

    def clear(self) -> None:
        """Forget everything personal (card removed, idle, back to welcome)."""
        self._result = None
        self._update(**_EMPTY)


@QmlElement
@uncreatable
class ItemDetailModel(ViewModel):
    """One benefit item: its policy and standard, and the holder's payments of it."""

    changed = Signal()

    itemCode = readonly(str, "itemCode", changed)
    itemName = readonly(str, "itemName", changed)
    department = readonly(str, "department", changed)
    standard = readonly(str, "standard", changed)
    policy = readonly(str, "policy", changed)
    applyPower = readonly(str, "applyPower", changed)
    """Code of the power that tells how to apply for the item (怎么申请); "" hides it."""
    applyHint = readonly(str, "applyHint", changed)
    payments = readonly("QVariantList", "payments", changed)
    totalText = readonly(str, "totalText", changed)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent, **_DETAIL_BLANK)

    def load(self, *, code: str, name: str, department: str, standard: str, policy: str,
             lines: list[PaymentLine], apply: PowerView | None = None) -> None:
        """Show one item (``apply``: the power telling how to apply for it). GUI thread."""
        paid = sum(p.amount_fen for p in lines if p.status == "paid")
        rows = [payment_row(p) for p in sorted(lines, key=lambda p: p.paid_on, reverse=True)]
        self._update(itemCode=code, itemName=name, department=department, standard=standard or "—",
                     policy=policy or "—", payments=rows,
                     applyPower=apply.code if apply is not None else "",
                     applyHint=tr("{name}，共 {count} 步").format(
                         name=apply.name, count=len(apply.steps)) if apply is not None else "",
                     totalText=tr("共 {count} 笔，已发放 {amount}").format(
                         count=len(rows), amount=format_yuan(paid)))

    def show_item(self, result: LookupResult, code: str, info: Any) -> bool:
        """Show item ``code`` of ``result`` with its catalogue entry ``info`` (None when
        unknown); False when there is nothing to show (no payment and no entry)."""
        lines = [p for y in result.years for p in y.payments if p.item_code == code]
        if not lines and info is None:
            return False
        self.load(code=code, name=info.name if info else lines[0].item_name,
                  department=info.department if info else lines[0].department,
                  standard=info.standard if info else "",
                  policy=info.policy if info else "", lines=lines,
                  apply=info.apply_power if info else None)
        return True

    def clear(self) -> None:
        """Forget the holder's payments."""
        self._update(**_DETAIL_BLANK)
