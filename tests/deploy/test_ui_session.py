"""The kiosk UI tells systemd it is ready and alive, and writes its health mark."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from screens.kiosk_window import open_kiosk

from demo.village import DEMO_LOOKUP_KEY
from deploy.notifysock import NotifySocket
from kiosk import __version__
from kiosk.config import Config, EnrollmentConfig, StoreConfig, UiConfig
from kiosk.enrollment import Enrollment, save_enrollment
from kiosk.health import DEFAULT_HEALTH_DIR, read_mark
from kiosk.sqltypes import utcnow
from ui.app import prepare_environment
from ui.watchdog import SessionWatchdog, health_dir_from, hide_cursor

# Qt reads these when the application is made, in the first test: offscreen rendering.
prepare_environment(offscreen=True)


def _config(db: Path) -> Config:
    enrollment = db.with_name("enrollment.json")
    save_enrollment(enrollment, Enrollment("T00042", "token", DEMO_LOOKUP_KEY,
                                           "https://county.example", "", utcnow()))
    return replace(Config(), store=StoreConfig(path=db), ui=replace(UiConfig(), clerk_pin="2468"),
                   enrollment=EnrollmentConfig(file=enrollment))


def test_ready_watchdog_status_and_health_mark(tmp_path: Path, seeded_db: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    health = tmp_path / "health"
    with NotifySocket(tmp_path / "notify") as sock:
        monkeypatch.setenv("NOTIFY_SOCKET", sock.env_value)
        monkeypatch.setenv("WATCHDOG_USEC", "200000")  # 0.2 s: pings every 0.1 s
        monkeypatch.delenv("WATCHDOG_PID", raising=False)
        with open_kiosk(_config(seeded_db)) as (ui, driver):
            watchdog = SessionWatchdog(ui.window, ui.app_model, version=__version__,
                                       health_dir=health)
            ui.window.update()  # a fresh frame arms it
            # A loaded machine may take a while for the frame and the timer's ticks.
            driver.wait_until(lambda: watchdog.ready, timeout=60, what="the first frame")
            mark = read_mark("ui", health_dir=health)
            assert mark is not None and mark.version == __version__
            driver.wait_until(lambda: sock.states().count("WATCHDOG=1") >= 2, timeout=60,
                              what="two watchdog pings")
            assert sock.states()[:2] == ["READY=1", "STATUS=screen: welcome"]
            ui.app_model.openNotices()
            driver.wait_until(lambda: "STATUS=screen: notices" in sock.states(), timeout=60,
                              what="the notices status")
            watchdog.stop()
            driver.pump(0.3)
            after_stop = sock.states()
            assert after_stop[-1] == "STOPPING=1"
            driver.pump(0.3)
            assert sock.states() == after_stop  # no pings after stop


def test_a_hung_gui_thread_stops_the_pings(tmp_path: Path, seeded_db: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    with NotifySocket(tmp_path / "notify") as sock:
        monkeypatch.setenv("NOTIFY_SOCKET", sock.env_value)
        monkeypatch.setenv("WATCHDOG_USEC", "200000")
        with open_kiosk(_config(seeded_db)) as (ui, driver):
            watchdog = SessionWatchdog(ui.window, ui.app_model, version=__version__,
                                       health_dir=None)
            ui.window.update()
            driver.wait_until(lambda: watchdog.ready, timeout=60, what="the first frame")
            before = sock.states().count("WATCHDOG=1")
            time.sleep(0.6)  # the GUI thread is stuck: nothing may ping for it
            assert sock.states().count("WATCHDOG=1") == before
            watchdog.stop()


def test_health_dir_comes_from_the_update_section_or_the_default(tmp_path: Path) -> None:
    config = Config()
    update = getattr(config, "update", None)
    if update is None or not hasattr(update, "health_dir"):
        assert health_dir_from(config) == DEFAULT_HEALTH_DIR
    else:
        moved = replace(config, update=replace(update, health_dir=tmp_path))
        assert health_dir_from(moved) == tmp_path


def test_hide_cursor_blanks_the_pointer(seeded_db: Path) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    with open_kiosk(_config(seeded_db)):
        assert QGuiApplication.overrideCursor() is None
        hide_cursor()
        try:
            cursor = QGuiApplication.overrideCursor()
            assert cursor is not None and cursor.shape() == Qt.CursorShape.BlankCursor
        finally:
            QGuiApplication.restoreOverrideCursor()
