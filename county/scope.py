"""What each terminal may hold: filters on the county tables for one terminal.

Payments and household members go to every terminal of a county-scoped
enrollment, or only to terminals of the same township for a township-scoped
one. Notices follow their own scope (village / township / county); settings
their ``target``; complaint replies go to the terminal the complaint came
from. The same filters serve ``changes`` and ``snapshot``.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, true

from county.models import Complaint, HouseholdMember, Notice, Payment, Setting

__all__ = ["TerminalScope"]


@dataclass(frozen=True)
class TerminalScope:
    """The authenticated terminal, as far as data scoping is concerned."""

    terminal_id: str
    township: str
    village: str
    scope: str  # "county" | "township"

    def payments(self) -> ColumnElement[bool]:
        """Filter on ``payment`` rows this terminal receives."""
        if self.scope == "township":
            return Payment.township == self.township
        return true()

    def members(self) -> ColumnElement[bool]:
        """Filter on ``household_member`` rows this terminal receives."""
        if self.scope == "township":
            return HouseholdMember.township == self.township
        return true()

    def notices(self) -> ColumnElement[bool]:
        """Filter on ``notice`` rows for this terminal's village, township or county."""
        return or_(
            Notice.scope == "county",
            and_(Notice.scope == "township", Notice.township == self.township),
            and_(Notice.scope == "village", Notice.township == self.township,
                 Notice.village == self.village),
        )

    def setting_targets(self) -> tuple[str, ...]:
        """Setting targets that apply here, least specific first (the last one wins)."""
        return ("", f"township:{self.township}", f"village:{self.township}/{self.village}",
                f"terminal:{self.terminal_id}")

    def settings(self) -> ColumnElement[bool]:
        """Filter on ``setting`` rows that apply to this terminal."""
        return Setting.target.in_(self.setting_targets())

    def replies(self) -> ColumnElement[bool]:
        """Filter on complaints whose reply travels to this terminal."""
        return and_(Complaint.terminal_id == self.terminal_id, Complaint.seq.is_not(None))
