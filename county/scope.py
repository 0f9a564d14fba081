"""What each terminal may hold: filters on the county tables for one terminal.

Payments and household members go to every terminal of a county-scoped
enrollment, or only to terminals of the same township for a township-scoped
one, or — for a village terminal (``person_keys``, issue 12) — only to the
terminals of the same village, under the village's person keys. Notices
follow their own scope (village / township / county); settings
their ``target``; complaint replies go to the terminal the complaint came
from. The same filters serve ``changes`` and ``snapshot``.

Notices, settings and replies never change scope (a notice is retired, not
edited; a setting's target is part of its key). Payments and members do,
when a corrected file moves them to another township: the move log
(county/moves.py, :meth:`TerminalScope.moves_out`) tombstones them for the
township they left.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BindParameter, ColumnElement, String, and_, bindparam, false, or_, true

from county.disclosure.models import RollEntry
from county.models import Complaint, HouseholdMember, Notice, Payment, ScopeMove, Setting

__all__ = ["TerminalScope"]


# Filters are built once with bound parameters (filled from TerminalScope.params()):
# building SQL expressions per request costs more than running the queries.
_TOWNSHIP = bindparam("scope_township", type_=String())
_VILLAGE = bindparam("scope_village", type_=String())
_TERMINAL = bindparam("scope_terminal", type_=String())
_TARGETS: BindParameter[list[str]] = bindparam("scope_targets", expanding=True)
_PAYMENTS_OF_TOWNSHIP = Payment.township == _TOWNSHIP
_MEMBERS_OF_TOWNSHIP = HouseholdMember.township == _TOWNSHIP
_PAYMENTS_OF_VILLAGE = and_(Payment.township == _TOWNSHIP, Payment.village == _VILLAGE)
_MEMBERS_OF_VILLAGE = and_(HouseholdMember.township == _TOWNSHIP,
                           HouseholdMember.village == _VILLAGE)
_MOVES_OUT = ScopeMove.township == _TOWNSHIP
_NOTICES = or_(
    Notice.scope == "county",
    and_(Notice.scope == "township", Notice.township == _TOWNSHIP),
    and_(Notice.scope == "village", Notice.township == _TOWNSHIP, Notice.village == _VILLAGE),
)
_ROLLS = and_(RollEntry.township == _TOWNSHIP, RollEntry.village == _VILLAGE)
_SETTINGS = Setting.target.in_(_TARGETS)
_OWN_COMPLAINTS = and_(Complaint.terminal_id == _TERMINAL, Complaint.seq.is_not(None))
_REPLIES = and_(_OWN_COMPLAINTS, Complaint.reply_at.is_not(None))


@dataclass(frozen=True)
class TerminalScope:
    """The authenticated terminal, as far as data scoping is concerned.

    The filter methods return prebuilt expressions with bound parameters:
    execute them with :meth:`params`.
    """

    terminal_id: str
    township: str
    village: str
    scope: str  # "county" | "township"
    person_keys: bool = False
    """A village terminal: only its village's people, under their person keys
    (county/person_keys.py); ``scope`` then governs nothing personal."""

    def params(self) -> dict[str, object]:
        """Values of the filters' bound parameters."""
        return {"scope_township": self.township, "scope_village": self.village,
                "scope_terminal": self.terminal_id,
                "scope_targets": list(self.setting_targets())}

    def payments(self) -> ColumnElement[bool]:
        """Filter on ``payment`` rows this terminal receives."""
        if self.person_keys:
            return _PAYMENTS_OF_VILLAGE
        return _PAYMENTS_OF_TOWNSHIP if self.scope == "township" else true()

    def members(self) -> ColumnElement[bool]:
        """Filter on ``household_member`` rows this terminal receives."""
        if self.person_keys:
            return _MEMBERS_OF_VILLAGE
        return _MEMBERS_OF_TOWNSHIP if self.scope == "township" else true()

    def moves_out(self) -> ColumnElement[bool]:
        """Filter on ``scope_move`` rows of rows that left this terminal's scope.

        Only township-scoped terminals read the move log: a county-scoped
        one keeps a moved row, which reaches it as an upsert.
        """
        return _MOVES_OUT if self.scope == "township" or self.person_keys else false()

    def notices(self) -> ColumnElement[bool]:
        """Filter on ``notice`` rows for this terminal's village, township or county."""
        return _NOTICES

    def rolls(self) -> ColumnElement[bool]:
        """Filter on ``roll_entry`` rows: this terminal's own village only, whatever its
        scope (a public roll is the village's business, not the township's)."""
        return _ROLLS

    def setting_targets(self) -> tuple[str, ...]:
        """Setting targets that apply here, least specific first (the last one wins)."""
        return ("", f"township:{self.township}", f"village:{self.township}/{self.village}",
                f"terminal:{self.terminal_id}")

    def settings(self) -> ColumnElement[bool]:
        """Filter on ``setting`` rows that apply to this terminal."""
        return _SETTINGS

    def replies(self) -> ColumnElement[bool]:
        """Filter on complaints whose reply travels to this terminal."""
        return _REPLIES

    def own_complaints(self) -> ColumnElement[bool]:
        """Filter on complaints of this terminal whose progress (or reply) travels to it."""
        return _OWN_COMPLAINTS
