"""Forward compatibility: what a newer county sends that this terminal does not know.

A county adds sections (``changes`` lists, snapshot line types), record
fields and tombstone entities within ``/api/v1`` (docs/sync-protocol.md,
"Newer counties"). The terminal's readers are liberal about those and strict
about the rest:

- an unknown section of a ``changes`` page, or an unknown ``type`` of a
  snapshot line, is skipped;
- an unknown field of a record in a known section is dropped;
- a tombstone whose ``entity`` this terminal has no table for is skipped;
- everything known is validated as strictly as before (a bad record in a
  known section still refuses the whole page or snapshot).

What is skipped is logged once per process and kind (``event=unknown_ignored``
with ``what`` and the exact names), not on every poll: a county sends its
new sections, empty or not, in every page.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from kiosk.logfmt import log_event
from sync.protocol import ENTITIES, ChangesPage

__all__ = ["UnknownLine", "known_page", "note_ignored", "unknown_line_type"]

log = logging.getLogger("sync.forward")

#: A name a newer county might use for a section, field, type or entity.
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_reported: set[tuple[str, str]] = set()
_lock = threading.Lock()


def note_ignored(what: str, names: str, **fields: object) -> None:
    """Log (once per process for the same ``what`` and ``names``) that this terminal
    skipped something a newer county sent."""
    with _lock:
        if (what, names) in _reported:
            return
        _reported.add((what, names))
    log_event(log, logging.INFO, "unknown_ignored", what=what, names=names,
              note="sent by a newer county; this terminal does not use it", **fields)


def _record_model(annotation: Any) -> type[BaseModel] | None:
    """The record model of a ``list[Model]`` field, else None."""
    if get_origin(annotation) is not list:
        return None
    (inner,) = get_args(annotation) or (None,)
    if get_origin(inner) in (Union, types.UnionType):
        return None
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else None


_SECTIONS: dict[str, type[BaseModel] | None] = {
    name: _record_model(field.annotation) for name, field in ChangesPage.model_fields.items()}
_FIELDS: dict[type[BaseModel], frozenset[str]] = {
    model: frozenset(model.model_fields) for model in _SECTIONS.values() if model is not None}


def _known_fields(model: type[BaseModel]) -> frozenset[str]:
    found = _FIELDS.get(model)
    if found is None:
        found = _FIELDS[model] = frozenset(model.model_fields)
    return found


def known_page(data: Any) -> Any:
    """A parsed ``changes`` page (JSON) without what this terminal does not know.

    Anything not shaped like a page is returned as it is, for the model to
    refuse with its usual message. Unknown names that are not plain
    identifiers are left in place too (they are no newer county's, and the
    page model ignores them as before).
    """
    if not isinstance(data, dict):
        return data
    unknown = sorted(k for k in data if k not in _SECTIONS and _NAME.match(k))
    if unknown:
        note_ignored("changes section", ",".join(unknown))
    out = {k: v for k, v in data.items() if k not in unknown}
    for section, model in _SECTIONS.items():
        records = out.get(section)
        if model is None or not isinstance(records, list):
            continue
        known = _known_fields(model)
        extra = sorted({k for r in records if isinstance(r, dict) for k in r
                        if k not in known and _NAME.match(k)})
        if extra:
            note_ignored(f"{section} field", ",".join(extra))
        if section == "tombstones":
            out[section] = _known_tombstones(records)
    return out


def _known_tombstones(records: list[Any]) -> list[Any]:
    """The tombstones of entities this terminal has a table for (others are skipped)."""
    kept: list[Any] = []
    skipped: dict[str, int] = {}
    for r in records:
        entity = r.get("entity") if isinstance(r, dict) else None
        if isinstance(entity, str) and entity not in ENTITIES and _NAME.match(entity):
            skipped[entity] = skipped.get(entity, 0) + 1
        else:
            kept.append(r)
    if skipped:
        note_ignored("tombstone entity", ",".join(sorted(skipped)))
    return kept


class UnknownLine:
    """A snapshot line of a type this terminal does not know (counted, not stored)."""

    __slots__ = ("type",)

    def __init__(self, line_type: str) -> None:
        self.type = line_type


def unknown_line_type(raw: bytes, known: frozenset[str]) -> UnknownLine | None:
    """The line as an :class:`UnknownLine` when it is a JSON object whose ``type`` is a
    name not in ``known`` (a newer county's section); None otherwise (a bad line)."""
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    kind = data.get("type") if isinstance(data, dict) else None
    if isinstance(kind, str) and kind not in known and _NAME.match(kind):
        return UnknownLine(kind)
    return None
