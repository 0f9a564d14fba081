"""`kiosk run`, `kiosk demo`, `kiosk tour`: the touch screen.

PySide6 is imported only when one of these runs, so the other `kiosk`
commands start fast and work where Qt is not installed.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk import clock
from kiosk.cli.common import (
    CliError,
    Subparsers,
    add_common_options,
    add_today_option,
    apply_today,
    load_cli_config,
)
from kiosk.textsafe import say
from ui.demo_settings import DEMO_OWNS

if TYPE_CHECKING:  # Qt is imported only when a UI command runs
    from PySide6.QtGui import QGuiApplication

    from kiosk.config import Config
    from ui.tour import Look

__all__ = ["register_demo", "register_run", "register_tour"]

log = logging.getLogger(__name__)


def register_run(sub: Subparsers) -> None:
    """Add `kiosk run`."""
    p = sub.add_parser("run", help="the production kiosk (fullscreen touch screen)")
    add_common_options(p)
    p.set_defaults(handler=_run)


def register_demo(sub: Subparsers) -> None:
    """Add `kiosk demo`."""
    p = sub.add_parser("demo", help="the kiosk with everything emulated, in a window")
    _settings_option(p)
    p.add_argument("--dir", type=Path, default=Path("demo-data"),
                   help="where the demo keeps its database, cards and receipts")
    p.add_argument("--offscreen", action="store_true",
                   help="no window: run the tour into DIR/tour instead (for headless machines)")
    p.add_argument("--no-county", action="store_true",
                   help="no local county server and sync daemon: the kiosk works from its "
                        "cache alone, as during a network outage")
    add_today_option(p)
    p.set_defaults(handler=_demo)


def register_tour(sub: Subparsers) -> None:
    """Add `kiosk tour`."""
    p = sub.add_parser("tour", help="drive the real UI offscreen and save a PNG per screen")
    _settings_option(p)
    p.add_argument("--out", type=Path, required=True, metavar="DIR")
    p.add_argument("--size", action="append", metavar="WxH",
                   help="panel size (repeatable; default 1920x1080 and 1280x800)")
    p.add_argument("--theme", choices=("default", "high-contrast"),
                   help="the terminal's colours ([ui] theme; default: the config's)")
    p.add_argument("--lang", choices=("zh_CN", "en", "ug"),
                   help="the terminal's language ([ui] language; default: the config's)")
    p.add_argument("--large-text", action="store_true",
                   help="press 字大一点 first: every screen in the larger type")
    add_today_option(p, help="take the tour at 10:00 (Beijing) on this day, with the demo "
                             "village as it stands then, so the screenshots do not change "
                             "with the calendar (default: now)")
    p.set_defaults(handler=_tour)


def _settings_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config", type=Path, metavar="FILE",
        help="a terminal's config file: the demo terminal takes its settings ([ui] "
             "timeouts, [printer] paper width and timeouts, [receipt], [idcard] polling, "
             "[log], ...) but keeps its own " + ", ".join(DEMO_OWNS) + "; a bad file "
             "stops it (default: the demo's built-in settings only)")


def _settings(args: argparse.Namespace) -> Config | None:
    """The ``--config`` file of `kiosk demo`/`kiosk tour` (checked, logging set up), or None."""
    return load_cli_config(args) if args.config is not None else None


def _has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                or os.environ.get("QT_QPA_PLATFORM"))


def _exec(app: QGuiApplication) -> int:
    from PySide6.QtCore import QTimer

    from ui.gc_guard import GuiThreadGc

    # Ctrl-C and SIGTERM (systemd stop) end the event loop cleanly. A Python
    # signal handler runs inside whatever Python callback comes next (often the
    # touch event filter, in the middle of Qt's event dispatch); quitting right
    # there closes windows under Qt's feet and crashed `kiosk run` under cage.
    # Quit from the event loop's top level instead.
    def request_quit(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, app.quit)

    signal.signal(signal.SIGINT, request_quit)
    signal.signal(signal.SIGTERM, request_quit)
    collector = GuiThreadGc()
    collector.start()
    try:
        return int(app.exec())
    finally:
        collector.stop()


def _run(args: argparse.Namespace) -> int:
    config = load_cli_config(args)
    from drivers.idcard.link import link_for
    from ui.app import KioskUi, prepare_environment
    from ui.services import KioskServices
    from ui.session_publish import SessionPublisher
    from ui.watchdog import SessionWatchdog, health_dir_from, hide_cursor

    prepare_environment()
    app = KioskUi.application()
    services = KioskServices.open(config)
    timeout = config.idcard.timeout_ms / 1000
    ui = KioskUi(services, link_factory=lambda: link_for(config.idcard.device, timeout=timeout),
                 fullscreen=config.ui.fullscreen, size=None if config.ui.fullscreen
                 else (1280, 800))
    ui.start()
    # Under systemd (village-kiosk-session.service): READY=1 and the health mark
    # once the first frame is on screen, WATCHDOG=1 from the GUI thread.
    watchdog = SessionWatchdog(ui.window, ui.app_model, version=services.version(),
                               health_dir=health_dir_from(config))
    # Whether a villager is at the screen, for the root installer (ui.session_publish).
    session = SessionPublisher(ui.app_model, health_dir_from(config))
    session.start()
    if config.ui.hide_cursor:
        hide_cursor()
    try:
        return _exec(app)
    finally:
        session.stop()
        watchdog.stop()
        ui.stop()


def _demo(args: argparse.Namespace) -> int:
    settings = _settings(args)
    apply_today(args)
    if args.offscreen or not _has_display():
        say("no display found: running the tour offscreen instead "
            f"(screenshots in {args.dir / 'tour'}/)")
        return _tour_into(args.dir / "tour", None, settings)
    from kiosk.logs import setup_logging
    from ui.app import KioskUi, prepare_environment
    from ui.demo import DEMO_PIN, DemoControlModel, DemoDevices
    from ui.demo_settings import with_settings
    from ui.services import KioskServices

    if settings is None:
        setup_logging("INFO")
    prepare_environment()
    app = KioskUi.application()
    devices, demo = DemoDevices.start(args.dir.resolve())
    config = with_settings(demo, settings)
    county = None
    if not args.no_county:
        from ui.demo_county import DEMO_LOGINS, DemoCounty

        try:
            county = DemoCounty.start(args.dir.resolve(), config, today=args.today)
        except RuntimeError as exc:
            say(f"demo: no county server ({exc}); the kiosk runs from its cache alone")
    ui = KioskUi(KioskServices.open(config), link_factory=devices.link, size=(1280, 800))
    control = DemoControlModel(devices)
    ui.engine.setInitialProperties({"control": control})
    ui.engine.loadFromModule("VillageKiosk", "DemoControl")
    ui.start()
    say(f"demo: database {config.store.path}, card reader on {devices.pty.path}, "
        f"printer {devices.printer.uri}; clerk PIN {DEMO_PIN}. Close the window to stop.")
    if county is not None:
        say(f"demo: county server {county.url} (database {args.dir / 'county.db'}), "
            f"sync daemon running; answer a complaint with `county complaints reply "
            f"--db sqlite:///{args.dir.resolve() / 'county.db'} …`")
        logins = ", ".join(f"{name} / {password} ({role})" for name, role, password in DEMO_LOGINS)
        say(f"demo: county console {county.url}/login — demo logins: {logins}")
    try:
        return _exec(app)
    finally:
        ui.stop()
        devices.stop()
        if county is not None:
            county.stop()


def _sizes(values: list[str] | None) -> tuple[tuple[int, int], ...] | None:
    if not values:
        return None
    sizes = []
    for value in values:
        width, _, height = value.partition("x")
        if not (width.isdigit() and height.isdigit()) or int(width) < 640 or int(height) < 480:
            raise CliError(f"bad --size {value!r}: expected WIDTHxHEIGHT, at least 640x480",
                           exit_code=2)
        sizes.append((int(width), int(height)))
    return tuple(sizes)


def _tour(args: argparse.Namespace) -> int:
    sizes = _sizes(args.size)
    if args.today is not None:
        # At a fixed time of day too, so screenshots made twice are the same pictures.
        clock.travel_to(clock.at_local(args.today, 10))
    settings = _settings(args)  # a bad config stops here, before Qt loads
    from ui.tour import Look

    return _tour_into(args.out, sizes, settings,
                      Look(theme=args.theme, large_text=args.large_text, language=args.lang))


def _tour_into(out: Path, sizes: tuple[tuple[int, int], ...] | None,
               settings: Config | None, look: Look | None = None) -> int:
    from kiosk.logs import setup_logging
    from ui.app import prepare_environment

    if settings is None:
        setup_logging("WARNING")
    os.environ.setdefault("XDG_CACHE_HOME", tempfile.mkdtemp(prefix="kiosk-tour-cache-"))
    prepare_environment(offscreen=True)
    from ui.driver import UiDriverError
    from ui.tour import SIZES, Look, run_tour

    try:
        tour = run_tour(out, sizes=sizes or SIZES, settings=settings,
                        look=look or Look())
    except UiDriverError as exc:
        raise CliError(f"tour failed: {exc}") from None
    say(f"{len(tour.shots)} screenshots in {out}/")
    if tour.cut:
        for where, texts in sorted(tour.cut.items()):
            say(f"text cut off on {where}: {'; '.join(texts)}", file=sys.stderr)
        raise CliError(f"text is cut off on {len(tour.cut)} screen(s); see above")
    if tour.untranslated:
        for where, texts in sorted(tour.untranslated.items()):
            say(f"untranslated text on {where}: {'; '.join(texts)}", file=sys.stderr)
        raise CliError(f"Chinese left on {len(tour.untranslated)} screen(s); see above")
    return 0
