"""`kiosk idcard read|watch|emulate`: read a card, watch reader events, run the emulator.

Lives in ``ui/`` because it wires the terminal's config and CLI conventions
(``kiosk/``) to the ID card driver (``drivers/``), which must not know about
them. No Qt is imported here: the commands run headless.

    kiosk idcard read [--port P | --pcsc [READER]] [--json] [--wait SECONDS]
    kiosk idcard watch [--port P | --pcsc [READER]] [--json]
    kiosk idcard emulate --card FILE.json [--fault NAME[:N]] [--baud N] [--no-card]
                         [--config FILE]

Exit codes: 0 a card was read, 1 reader or card error, 2 usage, 3 no card on
the reader (the message ends in ``[NO_CARD]``).
"""

from __future__ import annotations

import argparse
import logging
import queue
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from drivers.idcard.emulator.sam import Fault
from drivers.idcard.errors import IdCardError
from drivers.idcard.reader import ERROR_STATES, CardListener, CardReader, ReaderState
from kiosk.cli.common import CliError, Subparsers, add_common_options, load_cli_config
from kiosk.textsafe import safe_json, say

if TYPE_CHECKING:
    from drivers.idcard.cardtext import IdCard
    from kiosk.config import Config

__all__ = ["register"]

EXIT_NO_CARD = 3

log = logging.getLogger(__name__)


def register(sub: Subparsers) -> None:
    """Add ``kiosk idcard`` and its subcommands."""
    parser = sub.add_parser("idcard", help="ID card reader: read, watch, emulate")
    commands = parser.add_subparsers(dest="idcard_command", metavar="SUBCOMMAND", required=True)

    read = commands.add_parser("read", help="read one card and print it")
    _device_options(read)
    read.add_argument("--wait", type=float, default=3.0, metavar="SECONDS",
                      help="how long to wait for a card (default 3)")
    read.add_argument("--photo", type=Path, metavar="FILE",
                      help="also save the photo: BMP through idcard.wlt_library, "
                           "else the card's raw WLT bytes")
    read.set_defaults(handler=run_read)

    watch = commands.add_parser("watch", help="print reader events until interrupted")
    _device_options(watch)
    watch.set_defaults(handler=run_watch)

    emulate = commands.add_parser("emulate", help="serve a SAM emulator on a pty")
    emulate.add_argument("--card", type=Path, required=True, metavar="FILE.json",
                         help="card profile JSON: one object or a list, or a directory of "
                              "such files (SIGUSR1 places the next card, SIGUSR2 removes it)")
    emulate.add_argument("--fault", action="append", default=[], metavar="NAME[:N]",
                         help="inject a fault into the next N (default 1) read answers: "
                              + ", ".join(f.value for f in Fault) + " (chunked: every answer)")
    emulate.add_argument("--baud", type=int, default=0, metavar="N",
                         help="pace answers to N baud 8N1 (default: the ?baud=N of the "
                              "config's idcard.device, else as fast as possible)")
    emulate.add_argument("--no-card", action="store_true", help="start with the reader empty")
    add_common_options(emulate, db=False)
    emulate.epilog = ("--config FILE: a bad file stops the emulator; its idcard.device "
                      "baud (serial:PORT?baud=N) paces the answers unless --baud is given, "
                      "and its [log] settings apply.")
    emulate.set_defaults(handler=run_emulate)


def _device_options(parser: argparse.ArgumentParser) -> None:
    add_common_options(parser, db=False)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--port", metavar="P", help="serial port (default: idcard.device)")
    where.add_argument("--pcsc", nargs="?", const="", metavar="READER",
                       help="a PC/SC reader (the first one, or the one whose name contains "
                            "READER)")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _device(args: argparse.Namespace, config: Config) -> str:
    if args.port:
        return args.port if args.port.startswith("serial:") else f"serial:{args.port}"
    if args.pcsc is not None:
        return f"pcsc:{args.pcsc}"
    return config.idcard.device


class _QueueListener(CardListener):
    """Hands reader events (worker thread) to the CLI's main thread."""

    def __init__(self) -> None:
        self.events: queue.Queue[tuple[str, Any, float]] = queue.Queue()

    def _put(self, kind: str, value: Any = None) -> None:
        self.events.put((kind, value, time.time()))

    def on_card_present(self) -> None:
        self._put("present", None)

    def on_card_read(self, card: IdCard) -> None:
        self._put("read", card)

    def on_card_removed(self) -> None:
        self._put("removed", None)

    def on_reader_error(self, error: IdCardError) -> None:
        self._put("error", error)

    def on_reader_state(self, state: ReaderState) -> None:
        self._put("state", state)


def _start(args: argparse.Namespace) -> tuple[CardReader, _QueueListener, Config]:
    from drivers.idcard.link import link_for

    config = load_cli_config(args)
    device = _device(args, config)
    try:
        link = link_for(device, timeout=config.idcard.timeout_ms / 1000)
    except IdCardError as exc:
        raise CliError(f"{exc} [{exc.code}]") from None
    listener = _QueueListener()
    reader = CardReader(link, listener, poll_interval=config.idcard.poll_interval_ms / 1000)
    reader.start()
    return reader, listener, config


def run_read(args: argparse.Namespace) -> int:
    """One read: print the card; exit 3 (NO_CARD) if none arrives within ``--wait``."""
    reader, listener, config = _start(args)
    deadline = time.monotonic() + args.wait
    try:
        while (left := deadline - time.monotonic()) > 0:
            try:
                kind, value, _when = listener.events.get(timeout=left)
            except queue.Empty:
                break
            if kind == "read":
                _print_card(value, as_json=args.json)
                if args.photo:
                    _save_photo(value, args.photo, config.idcard.wlt_library)
                return 0
            if kind == "error":
                raise CliError(f"{value} [{value.code}]")
            if kind == "state" and value in ERROR_STATES:
                raise CliError(f"reader {value.value}")
    finally:
        reader.stop()
    raise CliError(f"no card on the reader within {args.wait:g} s [NO_CARD]",
                   exit_code=EXIT_NO_CARD)


def _save_photo(card: IdCard, path: Path, library: Path | None) -> None:
    """Write the photo as BMP through the vendor decoder, else its raw WLT bytes."""
    from drivers.idcard.photo import WltDecoder
    from kiosk.files import atomic_write_bytes

    decoder = WltDecoder(library)
    decoder.open()
    bmp = decoder.to_bmp(card.photo)
    try:
        atomic_write_bytes(path, bmp if bmp is not None else card.photo, mode=0o600)
    except OSError as exc:
        raise CliError(f"cannot write {path}: {exc.strerror}") from None
    if bmp is None:
        reason = decoder.problem or "the decoder refused the data"
        say(f"kiosk: photo saved as raw WLT ({reason})", file=sys.stderr)


def _print_card(card: IdCard, *, as_json: bool) -> None:
    data = card.to_json()
    if as_json:
        print(safe_json(data))
        return
    width = max(len(k) for k in data)
    for key, value in data.items():
        say(f"{key:<{width}}  {value}")


def event_json(kind: str, value: Any, when: float) -> dict[str, Any]:
    """The JSON line for one reader event (what `kiosk idcard watch --json` prints).

    ``when`` is the event's Unix time in seconds.
    """
    out: dict[str, Any] = {"event": kind, "time": round(when, 3)}
    if kind == "read":
        out["card"] = value.to_json()
    elif kind == "error":
        out |= {"code": value.code, "message": str(value)}
    elif kind == "state":
        out["state"] = value.value
    return out


def run_watch(args: argparse.Namespace) -> int:
    """Print events until interrupted (Ctrl-C or SIGTERM)."""
    _exit_on_sigterm()
    reader, listener, _config = _start(args)
    try:
        while True:
            kind, value, when = listener.events.get()
            if args.json:
                print(safe_json(event_json(kind, value, when), indent=None), flush=True)
                continue
            detail = ""
            if kind == "read":
                detail = f"{value.card_type.value} {value.name} {_masked(value.id_number)}"
            elif kind == "error":
                detail = f"{value.code}: {value}"
            elif kind == "state":
                detail = value.value
            stamp = time.strftime("%H:%M:%S", time.localtime(when))
            say(f"{stamp} {kind:<8} {detail}".rstrip(), flush=True)
    except KeyboardInterrupt:
        return 0
    finally:
        reader.stop()


def _masked(number: str) -> str:
    from kiosk.identity import mask_id

    return mask_id(number) if len(number) == 18 else number[:3] + "*" * (len(number) - 3)


def _exit_on_sigterm() -> None:
    def interrupt(_signum: int, _frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _parse_fault(spec: str) -> tuple[Fault, int]:
    name, _, count = spec.partition(":")
    try:
        return Fault(name), int(count or 1)
    except ValueError:
        raise CliError(f"bad --fault {spec!r}: use NAME[:N] with NAME one of "
                       + ", ".join(f.value for f in Fault), exit_code=2) from None


def configured_baud(device: str) -> int | None:
    """The ``?baud=N`` of an ``idcard.device`` string (``serial:PORT?baud=N``), or None."""
    _where, _, query = device.partition("?")
    values = parse_qs(query).get("baud", [])
    return int(values[-1]) if values and values[-1].isdigit() else None


def run_emulate(args: argparse.Namespace) -> int:
    """Serve the emulator on a pty: print its path, serve until killed."""
    from drivers.idcard.codec import Command
    from drivers.idcard.emulator import PtyEmulator, SamEmulator, load_cards
    from drivers.idcard.errors import CodecError

    config = load_cli_config(args)
    baud = args.baud or configured_baud(config.idcard.device)
    try:
        cards = load_cards(args.card)
    except (OSError, ValueError, CodecError) as exc:
        raise CliError(f"cannot load cards from {args.card}: {exc}") from None
    if not cards:
        raise CliError(f"{args.card} holds no card profile")
    sam = SamEmulator(cards)
    for spec in args.fault:
        fault, count = _parse_fault(spec)
        if fault is Fault.CHUNKED:
            sam.set_persistent(fault)
        else:
            sam.inject(fault, on=Command.READ_BASE, times=count)
    if not args.no_card:
        sam.place(0)
    stop = threading.Event()
    position = [0]

    def next_card(_signum: int, _frame: FrameType | None) -> None:
        position[0] = (position[0] + 1) % len(cards) if sam.card is not None else position[0]
        sam.place(position[0])

    def remove_card(_signum: int, _frame: FrameType | None) -> None:
        sam.remove()

    def finish(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGUSR1, next_card)
    signal.signal(signal.SIGUSR2, remove_card)
    signal.signal(signal.SIGTERM, finish)
    signal.signal(signal.SIGINT, finish)
    with PtyEmulator(sam, baud=baud or None) as emulator:
        say(emulator.path, flush=True)
        log.info("reader emulator on %s, %s", emulator.path,
                 f"answers paced to {baud} baud" if baud else "answers unpaced")
        while not stop.wait(0.5):
            pass
    sys.stdout.flush()
    return 0
