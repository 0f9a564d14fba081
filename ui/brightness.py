"""Screen brightness through the kernel's backlight class, where there is one.

``/sys/class/backlight/<device>/{brightness,max_brightness}``; writing needs
write access for the kiosk user (deploy/udev/70-village-kiosk.rules gives
group ``kiosk`` the file). Many all-in-one kiosk panels have no
software backlight: then the clerk screen says so and shows no buttons.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["Backlight", "find_backlight"]

SYS_BACKLIGHT = Path("/sys/class/backlight")


@dataclass(frozen=True)
class Backlight:
    """One backlight device."""

    path: Path

    def _read(self, name: str) -> int:
        return int((self.path / name).read_text().strip())

    def percent(self) -> int:
        """Current brightness, 0–100. Raises ``OSError``/``ValueError`` if unreadable."""
        maximum = self._read("max_brightness")
        return round(self._read("brightness") * 100 / maximum) if maximum else 0

    def set_percent(self, percent: int) -> int:
        """Set brightness (clamped to 10–100 so the screen never goes black); returns it.

        Raises ``OSError`` if the device is not writable.
        """
        percent = max(10, min(100, percent))
        maximum = self._read("max_brightness")
        (self.path / "brightness").write_text(str(round(maximum * percent / 100)))
        return percent


def find_backlight(root: Path = SYS_BACKLIGHT) -> Backlight | None:
    """The first backlight device under ``root`` with a readable brightness, or None."""
    try:
        devices = sorted(root.iterdir())
    except OSError:
        return None
    for device in devices:
        candidate = Backlight(device)
        try:
            candidate.percent()
        except (OSError, ValueError):
            continue
        return candidate
    return None
