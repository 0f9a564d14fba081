"""What `kiosk demo --config FILE` and `kiosk tour --config FILE` take from a config file.

The demo and the tour build their own terminal config (ui.demo.demo_config):
their own folder, database, enrollment, emulated devices. A terminal's config
file given with ``--config`` supplies everything else, so that the demo shows
the screens with that terminal's timeouts, paper width and receipt settings.
"""

from __future__ import annotations

from dataclasses import replace

from kiosk.config import Config

__all__ = ["DEMO_OWNS", "with_settings"]

#: The keys the demo always sets itself (named in `kiosk demo --help`).
DEMO_OWNS = ("[terminal]", "[store]", "[enrollment]", "printer.uri", "printer.mode",
             "ui.clerk_pin", "ui.fullscreen", "update.root", "update.spool", "update.usb_dir")


def with_settings(demo: Config, settings: Config | None) -> Config:
    """``settings`` (a loaded config file) with the demo's own parts taken from ``demo``.

    The demo keeps its [terminal] (its data is that village's), [store] and
    [enrollment] (its folder), printer.uri and printer.mode (the emulated
    printer, whose receipts are decoded as raster images), ui.clerk_pin (shown
    in the control window), ui.fullscreen (it is a window), update.root,
    update.spool and update.usb_dir (its folder: the clerk screen's "从U盘更新"
    writes there, never into a real terminal's spool) and its ``source`` (the
    file its sync daemon reads). Everything else — [ui] timeouts and PIN
    attempts, [printer] paper width and timeouts, [receipt], [idcard] polling,
    [sync], the rest of [update], [log] — comes from ``settings``. ``None``:
    ``demo`` as is.
    """
    if settings is None:
        return demo
    return replace(
        settings,
        terminal=demo.terminal,
        store=demo.store,
        enrollment=demo.enrollment,
        printer=replace(settings.printer, uri=demo.printer.uri, mode=demo.printer.mode),
        ui=replace(settings.ui, clerk_pin=demo.ui.clerk_pin, fullscreen=demo.ui.fullscreen),
        update=replace(settings.update, root=demo.update.root, spool=demo.update.spool,
                       usb_dir=demo.update.usb_dir),
        source=demo.source,
    )
