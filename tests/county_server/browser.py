"""Helpers for the console's browser tests (Playwright driving Debian's chromium): where the
browser and the screenshots are, logging in and sending a complaint step through a page.

The fixtures that use them (``chromium``, ``console``, ``page``, ``shoot``) are in
tests/county_server/conftest.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page

from county_server.console_data import PASSWORD

__all__ = ["CHROMIUM", "SHOTS", "SIZES", "Shoot", "log_in", "submit_step"]

#: Debian's chromium (never a browser Playwright downloads).
CHROMIUM = Path("/usr/bin/chromium")
#: Where the SQLite runs save every page, for people to look at.
SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "county"
#: The sizes each page is saved at: a desktop and a phone.
SIZES = ((1366, 768), (390, 844))
#: ``shoot(page, name)``, the ``shoot`` fixture.
Shoot = Callable[[Page, str], None]


def log_in(page: Page, url: str, name: str, password: str = PASSWORD) -> None:
    """Fill and send the login form."""
    page.goto(f"{url}/login")
    page.fill("input[name=username]", name)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def submit_step(page: Page, step: str, **fields: str) -> None:
    """Fill and send the form of ``step`` on a complaint's page."""
    form = page.locator(f"form.step-{step}")
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
