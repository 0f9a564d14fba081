"""The terminal's TOML configuration: typed, frozen, checked key by key.

Every key is declared once, here, with its type, default, allowed range and a
one-line description; ``deploy/kiosk.example.toml`` documents every key (a
test keeps the two in step). pydantic checks a file against these
declarations (strictly: no "5" for 5, no ``true`` for 1); unknown keys and
bad values raise :class:`ConfigError` naming the file and the dotted key, so
a typo in a terminal's config stops start-up instead of being silently
ignored.

Relative paths in a config file are resolved against the file's directory.
"""

from __future__ import annotations

import functools
import os
import tomllib
import types
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, get_args, get_origin, get_type_hints

from kiosk.health import DEFAULT_HEALTH_DIR
from kiosk.pushable import config_bounds
from kiosk.update_window import parse_window

if TYPE_CHECKING:  # pydantic loads when a file is checked, not with every `kiosk --help`
    from pydantic import BaseModel, ValidationInfo
    from pydantic_core import ErrorDetails

from kiosk.errors import KioskError

__all__ = [
    "DEFAULT_CONFIG_PATH",
    "Config",
    "ConfigError",
    "EnrollmentConfig",
    "IdCardConfig",
    "LogConfig",
    "PrinterConfig",
    "ReceiptConfig",
    "StoreConfig",
    "SyncConfig",
    "TerminalConfig",
    "UiConfig",
    "UpdateConfig",
    "load_config",
]

#: Where a production terminal keeps its config (DESIGN.md §8).
DEFAULT_CONFIG_PATH = Path("/etc/village-kiosk/kiosk.toml")
#: Environment variable that names a config file when ``--config`` is absent.
CONFIG_ENV = "VILLAGE_KIOSK_CONFIG"


class ConfigError(KioskError):
    """A config file that cannot be used; the message names the file and key."""

    code = "config.invalid"

    def __init__(self, source: str, key: str, problem: str) -> None:
        where = f"{source}: {key}: " if key else f"{source}: "
        super().__init__(where + problem)
        self.source = source
        self.key = key
        self.problem = problem


def _opt(default: Any, doc: str, **checks: Any) -> Any:
    """A config field: default value, documentation and value checks."""
    return field(default=default, metadata={"doc": doc, **checks})


@dataclass(frozen=True)
class TerminalConfig:
    """Who this terminal is: printed on receipts and ticket numbers."""

    code: str = _opt("DEMO01", "Short terminal code, printed in complaint ticket numbers.",
                     pattern=r"[A-Z0-9]{2,12}")
    village: str = _opt("", "Village name shown on screens and receipts.")
    township: str = _opt("", "Township (乡镇) name.")
    county: str = _opt("", "County name.")


@dataclass(frozen=True)
class StoreConfig:
    """The local SQLite cache."""

    path: Path = _opt(Path("/var/lib/village-kiosk/kiosk.db"), "SQLite database file.")
    busy_timeout_ms: int = _opt(5000, "How long a writer waits for the other process's lock.",
                                min=100, max=120_000)


@dataclass(frozen=True)
class EnrollmentConfig:
    """Secrets received at enrollment (terminal id, token, lookup key)."""

    file: Path = _opt(Path("/var/lib/village-kiosk/enrollment.json"),
                      "JSON file (mode 0600) holding the enrollment secrets.")


@dataclass(frozen=True)
class IdCardConfig:
    """The ID card reader (drivers/idcard)."""

    device: str = _opt("serial:auto", "Reader: serial:auto, serial:PORT[?baud=N], pcsc:[NAME], "
                       "emulator:PATH.", pattern=r"(serial|pcsc|emulator):.*|/.+")
    timeout_ms: int = _opt(1000, "How long one reader command may take.", min=100, max=10_000)
    poll_interval_ms: int = _opt(250, "Pause between card polls while idle.", min=50, max=5000)
    wlt_library: Path | None = _opt(None, "Vendor WLT photo decoder (libwlt2bmp.so), if any.")


@dataclass(frozen=True)
class PrinterConfig:
    """The receipt printer (drivers/printer)."""

    uri: str = _opt("", "Printer URI: usb:VID:PID, serial:PORT?baud=N, tcp://HOST:9100, "
                        "file:/dev/usb/lp0, png:OUT.png; empty: no printer.",
                    pattern=r"|(usb|serial|tcp|file|png):.+")
    paper_mm: Literal[80, 58] = _opt(80, "Paper width in mm: 80 (576 dots) or 58 (384 dots).")
    mode: Literal["raster", "text"] = _opt("raster", "raster (any printer) or text (GB18030).")
    status_timeout_ms: int = _opt(2000, "How long the printer may take to answer a status query.",
                                  min=100, max=30_000)
    job_timeout_s: int = _opt(60, "How long a job may take to be accepted and confirmed.",
                              min=5, max=600)


@dataclass(frozen=True)
class ReceiptConfig:
    """What goes on a receipt (kiosk/receipt/)."""

    detail_years: int = _opt(2, "Newest years printed line by line (older: one line a year).",
                             min=1, max=50)
    max_detail_lines: int = _opt(40, "Payment lines printed in full at most (newest year "
                                     "always).", min=5, max=1000)
    verify_base_url: str = _opt("", "Base URL of the QR code (empty: the county server URL "
                                    "from enrollment).", pattern=r"|https?://.+")


@dataclass(frozen=True)
class UiConfig:
    """The touch screen: timeouts, the clerk's PIN, window mode."""

    # The county may push these four (kiosk/pushable.py, which holds their bounds).
    idle_timeout_s: int = _opt(60, "Seconds without a touch before a personal screen clears.",
                               **config_bounds("ui.idle_timeout_s"))
    complaint_idle_timeout_s: int = _opt(
        180, "The same while a complaint is being written (typing is slow).",
        **config_bounds("ui.complaint_idle_timeout_s"))
    countdown_s: int = _opt(10, "Visible countdown with a 'still here?' button before clearing.",
                            **config_bounds("ui.countdown_s"))
    speak_after_card_read: int = _opt(
        0, "1: read the benefits summary aloud right after a card read; 0: only on the "
           "speaker button.", **config_bounds("ui.speak_after_card_read"))
    theme: Literal["default", "high-contrast"] = _opt(
        "default", "Screen colours: default, or high-contrast (white and yellow on black) for "
                   "villages with many weak-sighted elders.")
    language: Literal["zh_CN", "en", "ug"] = _opt(
        "zh_CN", "The screens' language: zh_CN, en (English) or ug (Uyghur, right to left); "
                 "villagers can switch on the welcome screen until their session ends.")
    clerk_pin: str = _opt("", "The clerk screen's PIN (4-8 digits); empty disables the screen.",
                          pattern=r"(|[0-9]{4,8})")
    clerk_pin_attempts: int = _opt(5, "Wrong PINs allowed before the clerk screen locks.",
                                   min=1, max=20)
    clerk_lockout_s: int = _opt(300, "How long the clerk screen stays locked after that.",
                                min=30, max=86_400)
    fullscreen: bool = _opt(True, "Fullscreen window (false: a 1280x800 window, for the demo).")
    hide_cursor: bool = _opt(True, "Hide the mouse pointer in `kiosk run` (touch screen; "
                                   "`kiosk demo` always shows it).")


@dataclass(frozen=True)
class SyncConfig:
    """The sync daemon (`kiosk syncd`): timeouts, intervals, backoff, limits."""

    connect_timeout_s: float = _opt(10.0, "How long a TCP/TLS connect to the county may take.",
                                    min=0.1, max=120)
    read_timeout_s: float = _opt(30.0, "How long the server may stay silent mid-answer.",
                                 min=0.1, max=600)
    request_retries: int = _opt(2, "Quick retries of one request (connect errors, 502/503/504).",
                                min=0, max=10)
    page_limit: int = _opt(1000, "Records asked for per changes page.", min=1, max=5000)
    max_response_bytes: int = _opt(8 * 1024 * 1024, "Largest JSON answer accepted (bytes).",
                                   min=64 * 1024, max=256 * 1024 * 1024)
    poll_interval_s: int = _opt(300, "Pause between change pulls while all is well.",
                                min=1, max=86_400)
    outbox_check_s: int = _opt(5, "How often the outbox is checked for new complaints.",
                               min=1, max=3600)
    heartbeat_interval_s: int = _opt(600, "Pause between heartbeats.", min=1, max=86_400)
    backoff_base_s: float = _opt(2.0, "First retry delay after a failed cycle.", min=0.01,
                                 max=3600)
    backoff_cap_s: float = _opt(900.0, "Longest retry delay (full jitter below it).", min=0.01,
                                max=86_400)


@dataclass(frozen=True)
class UpdateConfig:
    """Signed software releases (docs/releases.md): where they go, how an install is judged."""

    root: Path = _opt(Path("/opt/village-kiosk"),
                      "Install root: releases/V/, the current and previous links.")
    spool: Path = _opt(Path("/var/lib/village-kiosk/updates"),
                       "Where syncd downloads bundles (downloads/) and hands them over (ready/).")
    channel: str = _opt("stable", "Release channel this terminal installs.",
                        pattern=r"[a-z0-9-]{1,32}")
    health_dir: Path = _opt(DEFAULT_HEALTH_DIR, "Where the UI and syncd write health marks.")
    health_timeout_s: int = _opt(120, "How long a new version has to report healthy.",
                                 min=1, max=3600)
    restart_command: tuple[str, ...] = _opt(
        ("systemctl", "restart", "village-kiosk-session.service",
         "village-kiosk-syncd.service"),
        "Command (argv list) that restarts the kiosk services after a switch.", min_items=1)
    keep: int = _opt(2, "Complete versions kept on disk (current and previous at least).",
                     min=2, max=20)
    pubkey: Path | None = _opt(None, "Release public key (PEM); empty: the key from enrollment.")
    window: str = _opt("", 'When installs may restart the kiosk: "HH:MM-HH:MM" Beijing time '
                           '(e.g. "02:00-05:00"; may cross midnight); empty: any time. Urgent '
                           "releases skip it; no install ever starts during a villager session.",
                       check=parse_window)
    usb_dir: Path = _opt(Path("/run/village-kiosk/usb"),
                         "Where a USB stick with a release bundle is mounted (read-only).")


@dataclass(frozen=True)
class LogConfig:
    """Logging. Logs never contain ID numbers or names."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = _opt("INFO", "Minimum log level.")
    file: Path | None = _opt(None, "Also append logs to this file (default: stderr only).")


@dataclass(frozen=True)
class Config:
    """The whole terminal configuration; ``source`` is where it was read from."""

    terminal: TerminalConfig = field(default_factory=TerminalConfig)
    store: StoreConfig = field(default_factory=StoreConfig)
    enrollment: EnrollmentConfig = field(default_factory=EnrollmentConfig)
    log: LogConfig = field(default_factory=LogConfig)
    idcard: IdCardConfig = field(default_factory=IdCardConfig)
    printer: PrinterConfig = field(default_factory=PrinterConfig)
    receipt: ReceiptConfig = field(default_factory=ReceiptConfig)
    ui: UiConfig = field(default_factory=UiConfig)
    sync: SyncConfig = field(default_factory=SyncConfig)
    update: UpdateConfig = field(default_factory=UpdateConfig)
    source: str = field(default="<defaults>", metadata={"internal": True})

    def with_db(self, db: Path | None) -> Config:
        """This config with ``store.path`` replaced (the ``--db`` option)."""
        if db is None:
            return self
        return replace(self, store=replace(self.store, path=db))


def _type_name(tp: Any) -> str:
    names = {str: "string", int: "integer", bool: "boolean", float: "number", Path: "path"}
    if get_origin(tp) is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    return names.get(tp, getattr(tp, "__name__", str(tp)))


# --- checking a TOML table against the dataclasses above, with pydantic -----------------
#
# The dataclasses stay the public types (frozen, `replace`-able, no validation on
# construction); pydantic checks a file's values against a model made from them
# (strict: no "5" for 5, no true for 1; unknown keys refused), and the first error
# becomes a ConfigError naming the file and the dotted key.

def _path(value: Any, info: ValidationInfo) -> Path:
    from pydantic_core import PydanticCustomError

    if not isinstance(value, str) or not value:
        raise PydanticCustomError("config_path", "expected path, got {got}",
                                  {"got": f"{type(value).__name__} {value!r}"})
    path = Path(value).expanduser()
    base: Path = (info.context or {})["base"]
    return path if path.is_absolute() else base / path


def _optional_path(value: Any, info: ValidationInfo) -> Path | None:
    return None if value == "" else _path(value, info)


def _checked(tp: Any, meta: dict[str, Any]) -> Any:
    """``tp`` with the field's checks (``min``, ``max``, ``pattern``, ``min_items``)."""
    from pydantic import BeforeValidator, Field

    if tp is Path:
        return Annotated[Path, BeforeValidator(_path)]
    if get_origin(tp) is types.UnionType and Path in get_args(tp):
        return Annotated[Path | None, BeforeValidator(_optional_path)]
    if get_origin(tp) is tuple:  # a TOML array of non-empty strings
        return Annotated[tuple[Annotated[str, Field(min_length=1)], ...],
                         Field(strict=False, min_length=meta.get("min_items", 0))]
    pattern = meta.get("pattern")
    checked = Annotated[tp, Field(ge=meta.get("min"), le=meta.get("max"),
                                  pattern=None if pattern is None else f"^(?:{pattern})$")]
    if "check" in meta:  # a parser raising ValueError with a message for IT staff
        from pydantic import AfterValidator

        return Annotated[checked, AfterValidator(lambda v: (meta["check"](v), v)[1])]
    return checked


@functools.cache
def _model(cls: type[Any]) -> type[BaseModel]:
    """The pydantic model checking a TOML table for dataclass ``cls`` (every key optional)."""
    from pydantic import ConfigDict, create_model

    hints = get_type_hints(cls)
    spec: dict[str, Any] = {}
    for fld in fields(cls):
        if fld.metadata.get("internal"):
            continue
        tp = hints[fld.name]
        checked = _model(tp) if isinstance(tp, type) and is_dataclass(tp) \
            else _checked(tp, dict(fld.metadata))
        spec[fld.name] = (checked | None, None)
    strict = ConfigDict(extra="forbid", strict=True, regex_engine="python-re")
    model: type[BaseModel] = create_model(f"{cls.__name__}Table", __config__=strict, **spec)
    return model


def _instance(cls: type[Any], checked: BaseModel) -> Any:
    """``cls`` with the keys the file set; the others keep their defaults."""
    hints = get_type_hints(cls)
    values = {name: getattr(checked, name) for name in checked.model_fields_set}
    for name, value in values.items():
        if is_dataclass(hints[name]):
            values[name] = _instance(hints[name], value)
    return cls(**values)


def _declared(cls: type[Any], loc: tuple[str | int, ...]) -> tuple[Any, dict[str, Any]]:
    """The type and checks declared for the field at ``loc`` (None, {} for unknown keys)."""
    tp: Any = cls
    meta: dict[str, Any] = {}
    for part in loc:
        if not (isinstance(part, str) and isinstance(tp, type) and is_dataclass(tp)):
            break
        known = {f.name: f for f in fields(tp)}
        if part not in known:
            return None, {}
        meta = dict(known[part].metadata)
        tp = get_type_hints(tp)[part]
    return tp, meta


def _problem(error: ErrorDetails, key: str, tp: Any, meta: dict[str, Any]) -> str:
    """One pydantic error in this module's words (for IT staff reading a start-up failure)."""
    kind, got = error["type"], error.get("input")
    if kind == "extra_forbidden":
        return "unknown key (see deploy/kiosk.example.toml)"
    if isinstance(tp, type) and is_dataclass(tp):
        return f"expected a [{key}] table"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        return f"must be {bound} {meta['min' if kind == 'greater_than_equal' else 'max']}, " \
               f"got {got!r}"
    if kind == "string_pattern_mismatch":
        return f"must match {meta['pattern']}, got {got!r}"
    if kind == "literal_error":
        return f"expected {_type_name(tp)}, got {got!r}"
    if get_origin(tp) is tuple:
        if kind == "too_short":
            return f"needs at least {meta['min_items']} item(s)"
        return f"expected a list of non-empty strings, got {got!r}"
    if kind.endswith("_type") or kind.endswith("_parsing"):
        return f"expected {_type_name(tp)}, got {type(got).__name__} {got!r}"
    if kind == "value_error":  # a field's own check (meta "check")
        return str(error["msg"]).removeprefix("Value error, ")
    return error["msg"]


def load_config(path: Path | None = None) -> Config:
    """Read and check the config.

    ``path`` None means: ``$VILLAGE_KIOSK_CONFIG`` if set, else
    :data:`DEFAULT_CONFIG_PATH` if it exists, else built-in defaults.
    Raises :class:`ConfigError` for a missing/unreadable file, bad TOML, an
    unknown key or a bad value — the message names the file and key.
    """
    if path is None:
        env = os.environ.get(CONFIG_ENV)
        if env:
            path = Path(env)
        elif DEFAULT_CONFIG_PATH.exists():
            path = DEFAULT_CONFIG_PATH
        else:
            return Config()
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(source, "", "config file not found") from None
    except OSError as exc:
        raise ConfigError(source, "", f"cannot read config file: {exc.strerror}") from None
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ConfigError(source, "", f"not UTF-8 at byte {exc.start}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, "", f"not valid TOML: {exc}") from None
    from pydantic import ValidationError

    try:
        checked = _model(Config).model_validate(table,
                                                context={"base": path.resolve().parent})
    except ValidationError as exc:
        error = exc.errors()[0]
        loc = tuple(error["loc"])
        key = ".".join(part for part in loc if isinstance(part, str))
        raise ConfigError(source, key, _problem(error, key, *_declared(Config, loc))) from None
    config: Config = _instance(Config, checked)
    return replace(config, source=source)


def iter_documented_keys(cls: type[Any] = Config, prefix: str = "") -> list[tuple[str, str]]:
    """Every ``(dotted.key, doc)`` the schema declares, for docs and tests."""
    out: list[tuple[str, str]] = []
    hints = get_type_hints(cls)
    for fld in fields(cls):
        if fld.metadata.get("internal"):
            continue
        tp = hints[fld.name]
        if isinstance(tp, type) and is_dataclass(tp):
            out.extend(iter_documented_keys(tp, f"{prefix}{fld.name}."))
        else:
            out.append((f"{prefix}{fld.name}", str(fld.metadata.get("doc", ""))))
    return out
