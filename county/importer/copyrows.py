"""Payments as lines of PostgreSQL's ``COPY`` text format, made where the row is checked.

A streamed import (county/importer/stream.py) sends its payments through
one open ``COPY payment``. Formatting a row's values for it (escaping,
dates, numbers, UTF-8) cost the importing process about 8 µs a row, and
that process is the import's slowest stage; a checking process
(county/importer/parallel.py) formats the row instead, as
:func:`payment_line`, and the importing process only appends the part it
alone knows — the import's batch, time and change number
(:func:`line_end`). The columns' order is :data:`COLUMNS` (the file's
optional columns, :data:`EXTRAS`, only when it has one of them).

The bytes are those psycopg's own text ``COPY`` formatting sends for the
same values (a test compares them).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

__all__ = ["COLUMNS", "EXTRAS", "NUL", "columns", "has_extras", "household_spliced",
           "line_end", "payment_fields", "payment_line"]

#: NewPayment's first 12 fields, then the content key (the checker's part).
COLUMNS = ["id_hash", "household_id", "item_code", "period", "amount_fen", "paid_on",
           "status", "department", "fund_source", "batch", "township", "village",
           "content_key"]
#: NewPayment's group, household_size and note, when the file has one of their columns.
EXTRAS = ["village_group", "household_size", "note"]
#: The importing process's part (:func:`line_end`).
_END = ["import_id", "deleted", "updated_at", "seq"]

NUL = b""
"""What :func:`payment_line` gives for a row with a NUL character: PostgreSQL's text
cannot hold one, and the importing process raises psycopg's error for it when it
would send the row (as psycopg itself does)."""

_SPECIAL = re.compile("[\b\t\n\v\f\r\\\\]")
_ESCAPES = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r",
            "\\": "\\\\"}


_ESCAPED = re.compile(r"\\[btnvfr\\]")
_UNESCAPES = {v: k for k, v in _ESCAPES.items()}


def _escape(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def _unescape(match: re.Match[str]) -> str:
    return _UNESCAPES[match.group()]


def has_extras(mapped: Any) -> bool:
    """Whether a file whose mapped fields are ``mapped`` sends :data:`EXTRAS`."""
    return any(f in mapped for f in ("group", "household_size", "note"))


def columns(*, extras: bool) -> list[str]:
    """The ``COPY`` column list, in the order of the lines' values."""
    return COLUMNS + EXTRAS * extras + _END


def payment_line(fields: tuple[Any, ...], ckey: str, *, extras: bool) -> bytes:
    """A payment's values (NewPayment's fields in order) up to its content key and, with
    ``extras``, its group, household size and note; each value followed by a tab.

    Texts are escaped as the text format wants. A row with a NUL gives :data:`NUL`.
    """
    values = list(fields[:12])
    values[4], values[5] = str(values[4]), values[5].isoformat()  # amount_fen, paid_on
    values.append(ckey)
    size = None
    if extras:  # group, household_size (None: NULL, never escaped), note
        size = "\\N" if fields[14] is None else str(fields[14])
        values += (fields[13], "", fields[15])
    # One join and one search for the usual row without a special character: the
    # values are joined with NUL (which no valid value holds), escaped, then split.
    joined = "\x00".join(values)
    if joined.count("\x00") != len(values) - 1:
        return NUL
    if _SPECIAL.search(joined):
        joined = _SPECIAL.sub(_escape, joined)
    if size is None:
        return (joined.replace("\x00", "\t") + "\t").encode()
    parts = joined.split("\x00")
    parts[-2] = size
    return ("\t".join(parts) + "\t").encode()


def payment_fields(line: bytes, *, extras: bool) -> tuple[Any, ...]:
    """NewPayment's fields back from a :func:`payment_line` (for the few rows stored
    already, whose places the importing process compares)."""
    values = [_ESCAPED.sub(_unescape, v) for v in line.decode().split("\t")]
    head = (*values[:4], int(values[4]), date.fromisoformat(values[5]), *values[6:12], None)
    if not extras:
        return head
    return (*head, values[13], None if values[14] == "\\N" else int(values[14]), values[15])


def line_end(batch: int | None, updated_at: datetime) -> bytes:
    """import_id, deleted and updated_at (naive UTC, as the column stores it), each followed
    by a tab: what comes before a row's change number."""
    batch_text = "\\N" if batch is None else str(batch)
    return f"{batch_text}\tf\t{updated_at.isoformat(sep=' ')}\t".encode()


def household_spliced(line: bytes, household: str) -> bytes:
    """``line`` (household empty) with ``household`` in its place (the second value)."""
    head, _, rest = line.partition(b"\t")
    assert rest.startswith(b"\t"), "the line's household was not empty"
    return head + b"\t" + _SPECIAL.sub(_escape, household).encode() + rest
