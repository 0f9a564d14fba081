"""Emulated readers for the demo and tests: a GA 467 SAM on a pty, a virtual PC/SC card."""

from __future__ import annotations

from drivers.idcard.emulator.ptyserver import PtyEmulator
from drivers.idcard.emulator.sam import Fault, SamEmulator, demo_card, demo_photo, load_cards

__all__ = ["Fault", "PtyEmulator", "SamEmulator", "demo_card", "demo_photo", "load_cards"]
