"""What the 查询投诉 and 村务公开 screens say aloud where their view-models do not say it
themselves: 村级财务 in Mandarin, and every one of them in English (issue 18).

The texts are :mod:`kiosk.speech.village_en` (English) and
:func:`kiosk.speech.text.ledger_month_text` and its neighbours (Mandarin); this
module reads what is on show from the view-models. The English labels are the ones
on screen (:func:`ui.tr.tr`); the data stays as written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.speech import text as zh
from kiosk.speech import village_en as en
from ui.tr import tr
from ui.viewmodels.ledger import KIND_LABELS
from ui.viewmodels.projects import stage_label

if TYPE_CHECKING:
    from ui.viewmodels.ledger import LedgerModel
    from ui.viewmodels.onscreen import OnScreen
    from ui.viewmodels.projects import ProjectsModel
    from ui.viewmodels.public import PublicModel

__all__ = ["ledger_mandarin", "village_text_en"]


def ledger_mandarin(model: LedgerModel) -> str:
    """村级财务's page on show, in Mandarin."""
    ledger, entry = model.ledger, model.voucher_entry
    if entry is not None:
        return zh.voucher_text(entry.voucher, entry.summary)
    if model.page == "entries" and ledger is not None:
        return zh.ledger_month_text(ledger)
    return zh.ledger_months_text(None if ledger is None or model.empty else ledger.year_totals)


def _ledger_en(model: LedgerModel) -> str:
    ledger, entry = model.ledger, model.voucher_entry
    if entry is not None:
        return en.voucher_text_en(entry.voucher, entry.summary)
    if model.page == "entries" and ledger is not None:
        kinds = {kind: tr(label).lower() for kind, label in KIND_LABELS.items()}
        return en.ledger_month_text_en(ledger, kinds)
    return en.ledger_months_text_en(None if ledger is None or model.empty
                                    else ledger.year_totals)


def _projects_en(model: ProjectsModel) -> str:
    project = model.project
    if model.page == "list" or project is None:
        return en.projects_text_en([p.name for p in model.project_list])
    if model.page == "document":
        return en.document_text_en(project.name)
    return en.project_text_en(project.name, [(stage_label(s), s.day, s.amount_fen, s.who)
                                             for s in project.stages])


def _public_en(screen: str, public: PublicModel) -> str | None:
    roll, row = public.roll, public.row
    if screen == "public":
        return en.hub_text_en(public.section_labels)
    if screen == "rollItems":
        return en.roll_items_text_en([item["label"] for item in public.items])
    if screen == "roll" and roll is not None:
        return en.roll_text_en(roll.item_name, len(roll.rows), roll.total_fen)
    if screen == "rollRow" and row and roll is not None:
        line = next((r for r in roll.rows if r.id == row["id"]), None)
        return en.roll_row_text_en(row["name"], row["group"], row["period"],
                                   None if line is None else line.amount_fen)
    if screen == "powers":
        return en.powers_text_en([power["label"] for power in public.powers])
    power, page = public.power, public.page
    if screen == "power" and power is not None and page < len(power.steps):
        step = power.steps[page]
        return en.power_page_text_en(page + 1, step.title, step.detail)
    if screen == "power":
        return en.power_page_text_en(None, public.pageTitle, lines=[
            (line["label"], line["text"]) for line in public.pageLines])
    return None


def village_text_en(app: OnScreen) -> str | None:
    """The English speech text of 查询投诉 or a 村务公开 screen on show; None for the
    other screens."""
    screen = app.screen
    if screen == "complaintQuery":
        query = app.query_model
        return en.query_text_en(query.step, ticket=query.ticket, status=query.statusText,
                                reply=query.replyText, error=query.error)
    if screen == "ledger":
        return _ledger_en(app.ledger_model)
    if screen == "projects":
        return _projects_en(app.projects_model)
    return _public_en(screen, app.public_model)
