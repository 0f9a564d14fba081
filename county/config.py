"""The county's configuration file (``--config FILE``): its ``[county]`` table, checked.

The one reader of that file, for every `county` command and for
``county serve`` (the server takes its database from it). Keys::

    [county]
    db = "postgresql+psycopg://county@/county"   # database URL
    db_replica = "postgresql+psycopg://county@replica/county"
                                                   # a hot standby of db: terminals'
                                                   # changes/snapshot reads (PostgreSQL)
    silent_hours = 6                               # `county terminals`: flag silence after
    releases = "/var/lib/village-county/releases"  # where published bundles are kept
                                                   # (relative: to this file's folder)

Every key is optional; other tables of the file are left to other readers.
pydantic checks the table: an unknown key (a typo) or a value of the wrong
type is an error naming the file and the key, never silently ignored.
pydantic is imported when a file is read, not by `county --help`.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from county.errors import CountyError

__all__ = ["CountyConfig", "CountyConfigError", "load_county_config"]

#: What each key must hold, in the words of an error message.
_EXPECTED = {"db": "a string (a database URL)",
             "db_replica": "a string (a PostgreSQL database URL)",
             "silent_hours": "a number of hours above 0",
             "releases": "a string (a folder)"}


class CountyConfigError(CountyError):
    """The config file cannot be read, is not TOML, or its ``[county]`` table is wrong."""

    code = "config.invalid"


@dataclass(frozen=True)
class CountyConfig:
    """The ``[county]`` table; None where the file does not set a key."""

    db: str | None = None
    db_replica: str | None = None
    silent_hours: float | None = None
    releases: Path | None = None


def load_county_config(path: Path | None) -> CountyConfig:
    """The ``[county]`` table of the TOML file ``path`` (all None for no file).

    Reads the file on the caller's thread. Raises :class:`CountyConfigError`
    (message ``bad config FILE: …`` naming the key) for an unreadable file,
    bad TOML, an unknown key or a value of the wrong type.
    """
    if path is None:
        return CountyConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CountyConfigError(f"bad config {path}: {exc}") from None
    table = data.get("county", {})
    if not isinstance(table, dict):
        raise CountyConfigError(f"bad config {path}: county must be a table ([county])")
    return _checked(path, table)


def _checked(path: Path, table: dict[str, Any]) -> CountyConfig:
    from pydantic import BaseModel, ConfigDict, Field, ValidationError

    class _Table(BaseModel):
        model_config = ConfigDict(extra="forbid", strict=True)

        db: str | None = None
        db_replica: str | None = Field(default=None, pattern=r"^postgresql(\+\w+)?://")
        silent_hours: float | None = Field(default=None, gt=0)
        releases: str | None = None

    try:
        checked = _Table.model_validate(table)
    except ValidationError as exc:
        errors = exc.errors()
        unknown = sorted(str(e["loc"][0]) for e in errors if e["type"] == "extra_forbidden")
        if unknown:
            raise CountyConfigError(
                f"bad config {path}: unknown key(s) {', '.join(unknown)} in [county] "
                f"(known: {', '.join(_EXPECTED)})") from None
        key = str(errors[0]["loc"][0])
        raise CountyConfigError(f"bad config {path}: [county] {key} must be {_EXPECTED[key]}, "
                                f"not {errors[0]['input']!r}") from None
    return CountyConfig(db=checked.db, db_replica=checked.db_replica,
                        silent_hours=checked.silent_hours,
                        releases=None if checked.releases is None
                        else path.parent / Path(checked.releases).expanduser())
