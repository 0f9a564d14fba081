"""村务公开: the hub, the public rolls (公示花名册) and the micro-power list (小微权力清单).

Reached from the welcome screen without an ID card, like the notices. One
action a screen: the hub offers the sections; a roll list offers the items
with a roll; a roll is browsed whole, by 组 or by the surname's pinyin
initial, with the village total; one line of it opens on a screen of its own
whose one button is "这一笔有问题" (an anonymous complaint carrying the item
and the payment's id); a power is shown one step a page, then what to bring,
who decides, the time limits and where to complain.

Sections are data (:data:`SECTIONS`): 村级财务 (ui/viewmodels/ledger.py) and 村级工程
(ui/viewmodels/projects.py) are opened through their own models.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.money import format_yuan
from kiosk.powers import PowerView
from kiosk.rolls import Roll, RollItem
from kiosk.speech.numbers import spoken_amount, spoken_count, spoken_numbers_in
from ui.tr import QT_TR_NOOP, tr
from ui.viewmodels.base import ViewModel, readonly, uncreatable
from ui.viewmodels.complaint import ComplaintModel
from ui.viewmodels.screens import Screen

__all__ = ["SECTIONS", "PublicModel"]

# The QML module of every view-model (see ui.viewmodels.base).
QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

#: The hub's sections: (key, label, hint), in the order shown; Chinese source texts,
#: shown through :func:`ui.tr.tr` (read aloud as they are).
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("rolls", QT_TR_NOOP("公示花名册"), QT_TR_NOOP("本村谁领了哪项补贴、领了多少")),
    ("powers", QT_TR_NOOP("小微权力清单"), QT_TR_NOOP("村里的事怎么办、谁来定、去哪里反映")),
    ("ledger", QT_TR_NOOP("村级财务"), QT_TR_NOOP("村里每个月的收入、支出和凭证")),
    ("projects", QT_TR_NOOP("村级工程"), QT_TR_NOOP("修路、饮水等工程的钱和进度")),
)
_UNREADABLE = QT_TR_NOOP("现在读不出这些内容，请稍后再试，或请工作人员帮助。")
#: The page after a power's last step, and its lines' labels.
_INFO = QT_TR_NOOP("办理须知")
_DOCUMENTS, _DECIDES = QT_TR_NOOP("需要带的材料"), QT_TR_NOOP("谁来决定")
_TIME_LIMIT, _COMPLAIN = QT_TR_NOOP("办理时限"), QT_TR_NOOP("有问题找谁")


class Section(Protocol):
    """A section with a screen of its own (ui.viewmodels.projects.ProjectsModel)."""

    def open(self) -> None:
        """Show the section's screen."""

    def spoken(self) -> str:
        """What its screen says aloud."""


class PublicServices(Protocol):
    """What these screens need of the kiosk's services (ui.services.KioskServices)."""

    def public_items(self) -> list[RollItem]:
        """Items with a roll in force today."""

    def roll(self, item_code: str) -> Roll:
        """The village's roll of an item in force today."""

    def powers(self) -> list[PowerView]:
        """The micro-power list."""


_BLANK: dict[str, Any] = dict(
    items=[], itemName="", household=False, totalText="", countText="", rows=[], groups=[],
    initials=[], filter="", row={}, powers=[], powerName="", page=0, pages=0,
    pageTitle="", pageText="", pageLines=[], error="")


def _row(line: Any, household: bool) -> dict[str, Any]:
    size = tr("{count}人").format(count=line.household_size) \
        if household and line.household_size else ""
    return {"id": line.id, "name": line.name, "amountText": format_yuan(line.amount_fen),
            "period": line.period, "group": line.group, "sizeText": size}


@QmlElement
@uncreatable
class PublicModel(ViewModel):
    """State of the 村务公开 screens; every rule of them is here, QML only shows it."""

    changed = Signal()

    sections = readonly("QVariantList", "sections", changed)
    items = readonly("QVariantList", "items", changed)
    itemName = readonly(str, "itemName", changed)
    household = readonly(bool, "household", changed)
    totalText = readonly(str, "totalText", changed)
    countText = readonly(str, "countText", changed)
    rows = readonly("QVariantList", "rows", changed)
    groups = readonly("QVariantList", "groups", changed)
    initials = readonly("QVariantList", "initials", changed)
    filter = readonly(str, "filter", changed)
    """What the roll is narrowed to: ``""`` (all), ``g:<组>`` or ``i:<initial>``."""
    row = readonly("QVariantMap", "row", changed)
    powers = readonly("QVariantList", "powers", changed)
    powerName = readonly(str, "powerName", changed)
    page = readonly(int, "page", changed)
    pages = readonly(int, "pages", changed)
    pageTitle = readonly(str, "pageTitle", changed)
    pageText = readonly(str, "pageText", changed)
    pageLines = readonly("QVariantList", "pageLines", changed)
    error = readonly(str, "error", changed)

    def __init__(self, services: PublicServices, go: Callable[[Screen], None],
                 complaint: ComplaintModel, parent: QObject | None = None, *,
                 ledger: Callable[[], None] | None = None,
                 projects: Section | None = None) -> None:
        """``go`` shows a screen (the root view-model's); ``complaint`` is the complaint
        flow "这一笔有问题" starts; ``ledger`` opens 村级财务 (the LedgerModel's
        ``open``; None: no such section), ``projects`` 村级工程 (likewise). Nothing here is
        personal: :meth:`open` starts afresh."""
        self._keys = [k for k, _, _ in SECTIONS
                      if (k != "ledger" or ledger is not None)
                      and (k != "projects" or projects is not None)]
        super().__init__(parent, sections=self._sections(), **_BLANK)
        self._services = services
        self._go = go
        self._complaint = complaint
        self._ledger = ledger
        self._projects = projects
        self._roll: Roll | None = None
        self._powers: list[PowerView] = []
        self._power: PowerView | None = None
        self._spoken_page = ""  # the power's page in Chinese, for the read-aloud

    @property
    def roll(self) -> Roll | None:
        """The roll on show (and its line on the line's screen)."""
        return self._roll

    @property
    def power(self) -> PowerView | None:
        """The power whose pages are on show."""
        return self._power

    @property
    def section_labels(self) -> list[str]:
        """The hub's sections as shown (in the screens' language)."""
        return [tr(label) for k, label, _ in SECTIONS if k in self._keys]

    def _sections(self) -> list[dict[str, str]]:
        return [{"key": k, "label": tr(label), "hint": tr(hint)}
                for k, label, hint in SECTIONS if k in self._keys]

    def clear(self) -> None:
        """Forget what was browsed (the next villager starts at the hub)."""
        self._roll, self._powers, self._power, self._spoken_page = None, [], None, ""
        self._update(**_BLANK)

    @Slot()
    def open(self) -> None:
        """The 村务公开 button of the welcome screen (no card needed)."""
        self.clear()
        self._update(sections=self._sections())  # in the language chosen meanwhile
        self._go(Screen.PUBLIC)

    @Slot(str)
    def openSection(self, key: str) -> None:
        """A section button of the hub."""
        if key == "rolls":
            self._read(lambda: self._update(items=[
                {"code": i.code, "label": i.name,
                 "hint": tr("{rows} 条，合计 {total}").format(
                     rows=i.rows, total=format_yuan(i.total_fen))}
                for i in self._services.public_items()]))
            self._go(Screen.ROLL_ITEMS)
        elif key == "powers":
            def load() -> None:
                self._powers = self._services.powers()
                self._update(powers=[{"code": p.code, "label": p.name,
                                      "hint": tr("共 {count} 步").format(count=len(p.steps))}
                                     for p in self._powers])
            self._read(load)
            self._go(Screen.POWERS)
        elif key == "ledger" and self._ledger is not None:
            self._ledger()  # the ledger's own screen; its back returns here
        elif key == "projects" and self._projects is not None:
            self._projects.open()  # likewise

    def _read(self, load: Callable[[], object]) -> None:
        try:
            load()
            self._update(error="")
        except Exception:  # the store: say so on the screen, the kiosk goes on
            log.exception("reading the public data failed")
            self._update(error=tr(_UNREADABLE))

    # --- rolls -------------------------------------------------------------------------

    @Slot(int)
    def openItem(self, index: int) -> None:
        """One item of the roll list: its whole roll."""
        items = self._get("items")
        if not 0 <= index < len(items):
            return

        def load() -> None:
            roll = self._services.roll(items[index]["code"])
            self._roll = roll
            self._update(itemName=roll.item_name, household=roll.household,
                         totalText=format_yuan(roll.total_fen),
                         groups=list(roll.groups), initials=list(roll.initials))
            self.showAll()
        self._read(load)
        self._go(Screen.ROLL)

    @Slot()
    def showAll(self) -> None:
        """The whole roll."""
        self._show("", "", lambda _line: True)

    @Slot(str)
    def showGroup(self, group: str) -> None:
        """Only the lines of one 组."""
        self._show(f"g:{group}", group, lambda line: line.group == group)

    @Slot(str)
    def showInitial(self, letter: str) -> None:
        """Only the names whose surname starts with ``letter`` (拼音首字母)."""
        self._show(f"i:{letter}", tr("姓 {letter}").format(letter=letter),
                   lambda line: line.initial == letter)

    def _show(self, key: str, label: str, keep: Callable[[Any], bool]) -> None:
        roll = self._roll
        if roll is None:
            return
        lines = [line for line in roll.rows if keep(line)]
        count = tr("共 {count} 条").format(count=len(lines)) if not key else \
            tr("{label}：{count} 条，{total}").format(
                label=label, count=len(lines),
                total=format_yuan(sum(line.amount_fen for line in lines)))
        self._update(filter=key, countText=count,
                     rows=[_row(line, roll.household) for line in lines])

    @Slot(int)
    def openRow(self, index: int) -> None:
        """One line of the roll on a screen of its own."""
        rows = self._get("rows")
        if 0 <= index < len(rows):
            self._update(row=rows[index])
            self._go(Screen.ROLL_ROW)

    @Slot()
    def reportRow(self) -> None:
        """这一笔有问题: an anonymous complaint about the line on show."""
        row, roll = self._get("row"), self._roll
        if not row or roll is None:
            return
        label = tr("{item}：{name} {period} {amount}").format(
            item=roll.item_name, name=row["name"], period=row["period"], amount=row["amountText"])
        self._complaint.start_about(label, item_code=roll.item_code, payment_id=row["id"])
        self._go(Screen.COMPLAINT)

    # --- the micro-power list ----------------------------------------------------------

    @Slot(int)
    def openPower(self, index: int) -> None:
        """One power, from its first step."""
        if not 0 <= index < len(self._powers):
            return
        self._power = self._powers[index]
        self._update(powerName=self._power.name, pages=len(self._power.steps) + 1)
        self.showPage(0)
        self._go(Screen.POWER)

    @Slot(str)
    def openPowerCode(self, code: str) -> None:
        """怎么申请 on an item's page: the power ``code``, from its first step (nothing
        happens if the county withdrew it meanwhile)."""
        def load() -> None:
            self._powers = self._services.powers()
        self._read(load)
        index = next((i for i, p in enumerate(self._powers) if p.code == code), -1)
        if index >= 0:
            self.openPower(index)

    @Slot(int)
    def showPage(self, page: int) -> None:
        """Step ``page`` (0-based); the page after the last step is 办理须知."""
        power = self._power
        if power is None or not 0 <= page < len(power.steps) + 1:
            return
        if page < len(power.steps):
            step = power.steps[page]
            self._spoken_page = f"第{page + 1}步  {step.title}。{step.detail}"
            self._update(page=page, pageText=step.detail, pageLines=[],
                         pageTitle=tr("第{number}步  {title}").format(number=page + 1,
                                                                     title=step.title))
            return
        lines = [(label, text) for label, text in (
            (_DOCUMENTS, "、".join(power.documents)), (_DECIDES, power.decides),
            (_TIME_LIMIT, power.time_limit), (_COMPLAIN, power.complain)) if text]
        self._spoken_page = f"{_INFO}。" + "。".join(f"{label}：{text}" for label, text in lines)
        self._update(page=page, pageTitle=tr(_INFO), pageText="",
                     pageLines=[{"label": tr(label), "text": text} for label, text in lines])

    # --- read aloud (ui/viewmodels/utterance.py) ------------------------------------------

    def spoken(self, screen: Screen) -> str:
        """What ``screen`` (one of the 村务公开 screens) says aloud, numbers in words."""
        if screen is Screen.PUBLIC:
            labels = [label for k, label, _ in SECTIONS if k in self._keys]
            return "村务公开。" + "，".join(labels) + "，不用身份证。"
        if screen is Screen.ROLL_ITEMS:
            names = "，".join(i["label"] for i in self._get("items"))
            return f"公示花名册：{names}。" if names else "本村现在没有正在公示的名单。"
        roll, row = self._roll, self._get("row")
        if screen is Screen.ROLL and roll is not None:
            return (f"{roll.item_name}公示名单，{spoken_count(len(roll.rows))}条，全村合计"
                    f"{spoken_amount(roll.total_fen)}。")
        if screen is Screen.ROLL_ROW and row and roll is not None:
            line = next((r for r in roll.rows if r.id == row["id"]), None)
            money = spoken_amount(line.amount_fen) if line is not None else ""
            return spoken_numbers_in(f"{row['name']}，{row['group']}，{row['period']}，") + \
                f"{money}。如果这一笔不对，可以点“这一笔有问题”。"
        if screen is Screen.POWERS:
            return "小微权力清单：" + "，".join(p.name for p in self._powers) + "。"
        if screen is Screen.POWER:
            return spoken_numbers_in(self._spoken_page)
        if screen is Screen.PROJECTS and self._projects is not None:
            return self._projects.spoken()
        return ""
