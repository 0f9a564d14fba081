"""Fixtures of recording_flow.py, shared with other directories: 龙德贵's card (the screen
tests'), the demo county behind the real county server and a terminal (the sync daemon
tests')."""

from __future__ import annotations

from screens.conftest import card
from syncd.conftest import _county_template, county, county_engine, terminal

# Fixtures pytest finds here (for tests in tests/voice only).
__all__ = ["_county_template", "card", "county", "county_engine", "terminal"]
