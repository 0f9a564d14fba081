"""The settings the county may push to terminals: one table both ends read.

``county setting set`` checks a key and value against this table before it
stores anything, and the terminal checks every pushed value against it again
(the wire is untrusted and the county may run another version). Each entry
names the key of ``kiosk.config`` it overrides; the config takes its bounds
from here, so a value the county accepts is one the config would accept.

Pushed names are what county IT staff type (``ui.idle_seconds``, as the
issue and the IT staff guide call it); the config key they override is
``[ui] idle_timeout_s`` in kiosk.toml. A pushed value overrides the terminal's
config file; unsetting it brings the file's value back. All of them apply
live: the kiosk screen picks a change up within a second of the sync that
brought it, without a restart.

Pure: standard library only, no I/O (the county imports it).
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.errors import KioskError

__all__ = [
    "PUSHABLE",
    "BadSettingValueError",
    "Pushable",
    "SettingError",
    "UnknownSettingError",
    "check_setting",
    "config_bounds",
    "find_pushable",
    "usable_values",
]

_WHOLE = re.compile(r"[0-9]{1,9}")


class SettingError(KioskError, ValueError):
    """A pushed setting that cannot be used; the message says why and what would do."""

    code = "setting.invalid"


class UnknownSettingError(SettingError):
    """No pushable setting has this name."""

    code = "setting.unknown_key"


class BadSettingValueError(SettingError):
    """The value is not one the setting takes."""

    code = "setting.bad_value"


@dataclass(frozen=True)
class Pushable:
    """One setting a county may push: its name, the config key it overrides, its bounds."""

    name: str
    """The pushed name, e.g. ``ui.idle_seconds``."""
    config_key: str
    """The ``kiosk.config`` key it overrides, e.g. ``ui.idle_timeout_s``."""
    minimum: int
    maximum: int
    doc: str
    """What it does, in the words of the IT staff guide."""
    unit: str = "seconds"
    """What the whole number counts (``seconds``; ``0 off, 1 on`` for a switch)."""

    def parse(self, text: str) -> int:
        """The value of ``text`` (a whole number of :attr:`unit` within the bounds).

        Raises :class:`BadSettingValueError` naming the setting and its range.
        """
        value = text.strip()
        if not _WHOLE.fullmatch(value) or not self.minimum <= int(value) <= self.maximum:
            raise BadSettingValueError(
                f"{self.name} takes a whole number {self._what()}from {self.minimum} to "
                f"{self.maximum}, got {text!r}")
        return int(value)

    def _what(self) -> str:
        return "of seconds " if self.unit == "seconds" else f"({self.unit}) "


PUSHABLE: tuple[Pushable, ...] = (
    Pushable("ui.idle_seconds", "ui.idle_timeout_s", 15, 600,
             "Seconds without a touch before a villager's screen clears."),
    Pushable("ui.complaint_idle_seconds", "ui.complaint_idle_timeout_s", 30, 1800,
             "The same while a complaint is being written (typing is slow)."),
    Pushable("ui.countdown_seconds", "ui.countdown_s", 3, 60,
             "The last seconds before clearing, shown as a countdown with a 'still here?' "
             "button."),
    Pushable("ui.speak_after_card", "ui.speak_after_card_read", 0, 1,
             "1: read the benefits summary aloud as soon as a card is read (for villages "
             "where many cannot read); 0: only when the speaker button is touched.",
             unit="0 off, 1 on"),
)

_BY_NAME = {p.name: p for p in PUSHABLE}
_BY_CONFIG_KEY = {p.config_key: p for p in PUSHABLE}


def find_pushable(name: str) -> Pushable:
    """The pushable setting called ``name``.

    Raises :class:`UnknownSettingError` listing the valid names, with the
    nearest one (a typo) or the pushed name of a config-file key first.
    """
    found = _BY_NAME.get(name)
    if found is not None:
        return found
    valid = ", ".join(sorted(_BY_NAME))
    hint = ""
    if name in _BY_CONFIG_KEY:
        hint = (f" ({name} is the name in kiosk.toml; the county pushes it as "
                f"{_BY_CONFIG_KEY[name].name})")
    else:
        near = difflib.get_close_matches(name, list(_BY_NAME), n=1, cutoff=0.6)
        if near:
            hint = f" (did you mean {near[0]}?)"
    raise UnknownSettingError(f"unknown setting {name!r}{hint}; settings a terminal takes: "
                              f"{valid}")


def check_setting(name: str, text: str) -> int:
    """The checked value of setting ``name`` given as ``text``; raises :class:`SettingError`."""
    return find_pushable(name).parse(text)


def config_bounds(config_key: str) -> dict[str, int]:
    """``{"min": …, "max": …}`` of the pushable setting overriding ``config_key``, for the
    config's field declaration. Raises ``KeyError`` if no pushable setting overrides it."""
    entry = _BY_CONFIG_KEY[config_key]
    return {"min": entry.minimum, "max": entry.maximum}


def usable_values(rows: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Config key → value of each stored (pushed name, text value) row that this version
    takes; an unknown name or a bad value is logged and left out (the config file's value
    stays in force)."""
    out: dict[str, int] = {}
    for key, value in rows:
        try:
            entry = find_pushable(key)
            out[entry.config_key] = entry.parse(value)
        except SettingError as exc:
            logging.getLogger("kiosk.settings").warning("pushed setting ignored [%s]: %s",
                                                        exc.code, exc)
    return out
