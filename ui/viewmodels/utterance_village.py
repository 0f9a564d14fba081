"""What the 查询投诉 and 村务公开 screens say aloud where their view-models do not say it
themselves: 村级财务 in Mandarin, and every one of them in English and Uyghur (issue 18).

The texts are a language's :class:`kiosk.speech.village.VillageTexts`
(:mod:`kiosk.speech.village_en`, :mod:`kiosk.speech.village_ug`) and
:func:`kiosk.speech.text.ledger_month_text` and its neighbours (Mandarin); this
module reads what is on show from the view-models. The translated labels are the
ones on screen (:func:`ui.tr.tr`); the data stays as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.speech import text as zh
from ui.tr import tr
from ui.viewmodels.ledger import KIND_LABELS
from ui.viewmodels.projects import stage_label

if TYPE_CHECKING:
    from kiosk.speech.village import VillageTexts
    from ui.viewmodels.ledger import LedgerModel
    from ui.viewmodels.onscreen import OnScreen
    from ui.viewmodels.projects import ProjectsModel
    from ui.viewmodels.public import PublicModel

__all__ = ["ledger_mandarin", "village_text"]


def ledger_mandarin(model: LedgerModel) -> str:
    """村级财务's page on show, in Mandarin."""
    ledger, entry = model.ledger, model.voucher_entry
    if entry is not None:
        return zh.voucher_text(entry.voucher, entry.summary)
    if model.page == "entries" and ledger is not None:
        return zh.ledger_month_text(ledger)
    return zh.ledger_months_text(None if ledger is None or model.empty else ledger.year_totals)


def _ledger(model: LedgerModel, texts: VillageTexts) -> str:
    ledger, entry = model.ledger, model.voucher_entry
    if entry is not None:
        return texts.voucher(entry.voucher, entry.summary)
    if model.page == "entries" and ledger is not None:
        kinds = {kind: tr(label).lower() for kind, label in KIND_LABELS.items()}
        return texts.ledger_month(ledger, kinds)
    return texts.ledger_months(None if ledger is None or model.empty
                                    else ledger.year_totals)


def _projects(model: ProjectsModel, texts: VillageTexts) -> str:
    project = model.project
    if model.page == "list" or project is None:
        return texts.projects([p.name for p in model.project_list])
    if model.page == "document":
        return texts.document(project.name)
    return texts.project(project.name, [(stage_label(s), s.day, s.amount_fen, s.who)
                                             for s in project.stages])


def _public(screen: str, public: PublicModel, texts: VillageTexts) -> str | None:
    roll, row = public.roll, public.row
    if screen == "public":
        return texts.hub(public.section_labels)
    if screen == "rollItems":
        return texts.roll_items([item["label"] for item in public.items])
    if screen == "roll" and roll is not None:
        return texts.roll(roll.item_name, len(roll.rows), roll.total_fen)
    if screen == "rollRow" and row and roll is not None:
        line = next((r for r in roll.rows if r.id == row["id"]), None)
        return texts.roll_row(row["name"], row["group"], row["period"],
                                   None if line is None else line.amount_fen)
    if screen == "powers":
        return texts.powers([power["label"] for power in public.powers])
    power, page = public.power, public.page
    if screen == "power" and power is not None and page < len(power.steps):
        step = power.steps[page]
        return texts.power_page(page + 1, step.title, step.detail)
    if screen == "power":
        return texts.power_page(None, public.pageTitle, lines=[
            (line["label"], line["text"]) for line in public.pageLines])
    return None


def village_text(app: OnScreen, texts: VillageTexts) -> str | None:
    """The speech text in ``texts`` of 查询投诉 or a 村务公开 screen on show; None for
    the other screens."""
    screen = app.screen
    if screen == "complaintQuery":
        query = app.query_model
        return texts.query(query.step, ticket=query.ticket, status=query.statusText,
                                reply=query.replyText, error=query.error)
    if screen == "ledger":
        return _ledger(app.ledger_model, texts)
    if screen == "projects":
        return _projects(app.projects_model, texts)
    return _public(screen, app.public_model, texts)
