"""The micro-power list (小微权力清单): village-level powers as the county publishes them.

The county keeps the list as one JSON file (its own wording, reviewed by the
discipline office) and imports it whole with `county powers import FILE`:
each power in the file is added or, when its text changed, replaced; a
power no longer in the file is withdrawn (a tombstone for the terminals).
Every text is stored as plain text (kiosk.textsafe.plain_text). File format
(docs/sync-protocol.md has the wire form)::

    {"powers": [{"code": "DIBAO", "name": "低保申请",
                 "decides": "村民代表会议评议，乡镇审核，县民政局审批",
                 "time_limit": "乡镇自受理之日起15个工作日内审核",
                 "documents": ["户口簿", "身份证"],
                 "complain": "乡镇纪委 0954-1234567；县纪委监委 12388",
                 "items": ["DIBAO"],
                 "steps": [{"title": "提出申请", "detail": "向村委会或乡镇提交申请书"}]}]}

``items`` (optional) names the benefit items (catalogue codes) that a villager
applies for through this power: the kiosk's page of such an item shows a
"怎么申请" button opening the power's steps. The micro-power list is where a
county writes how a thing is applied for, so the link lives there (the
catalogue's item records and their wire form stay as they are); an item is
linked to one power at most, and only to items of the catalogue.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Connection, Engine, insert, select, update

from county.disclosure.models import Power
from county.errors import CountyError
from county.models import BenefitItem
from county.seq import take_seqs
from county.tx import writing
from kiosk.textsafe import plain_text

__all__ = ["PowerFileError", "PowerRow", "import_powers", "list_powers", "parse_powers",
           "publish_powers"]

#: Largest power file accepted (bytes).
MAX_FILE_BYTES = 1024 * 1024


class PowerFileError(CountyError, ValueError):
    """The power file cannot be read or is not a valid list."""

    code = "powers.file_invalid"


class _Step(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str = Field(min_length=1, max_length=60)
    detail: str = Field(default="", max_length=600)


class _PowerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Field(pattern=r"^[A-Z0-9_]{2,32}$")
    name: str = Field(min_length=1, max_length=40)
    decides: str = Field(default="", max_length=300)
    time_limit: str = Field(default="", max_length=300)
    documents: list[str] = Field(default_factory=list, max_length=30)
    complain: str = Field(default="", max_length=300)
    items: list[Annotated[str, Field(pattern=r"^[A-Z0-9_]{1,32}$")]] = Field(
        default_factory=list, max_length=20)
    steps: list[_Step] = Field(min_length=1, max_length=20)


class _FileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    powers: list[_PowerIn] = Field(max_length=200)


@dataclass(frozen=True)
class PowerRow:
    """A stored power as `county powers list` shows it."""

    code: str
    name: str
    position: int
    steps: int
    items: tuple[str, ...] = ()


def parse_powers(raw: bytes) -> list[dict[str, object]]:
    """The powers of a file's bytes, in order, each as its stored JSON ``body`` fields plus
    ``code`` and ``name``; raises :class:`PowerFileError` naming what is wrong."""
    if len(raw) > MAX_FILE_BYTES:
        raise PowerFileError(f"the file is larger than {MAX_FILE_BYTES // 1024} KiB")
    try:
        data = _FileIn.model_validate_json(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise PowerFileError(f"{where}: {first.get('msg', 'invalid')}") from None
    codes = [p.code for p in data.powers]
    if len(set(codes)) != len(codes):
        raise PowerFileError("the same code appears twice")
    linked: dict[str, str] = {}
    for i, p in enumerate(data.powers):
        for item in p.items:
            if item in linked:
                raise PowerFileError(f"powers.{i}.items: {item} is already linked to power "
                                     f"{linked[item]} (an item has one way to apply)")
            linked[item] = p.code
    out: list[dict[str, object]] = []
    for p in data.powers:
        extra: dict[str, object] = {"items": list(p.items)} if p.items else {}
        out.append({
            **extra,
            "code": p.code, "name": plain_text(p.name), "decides": plain_text(p.decides),
            "time_limit": plain_text(p.time_limit),
            "documents": [plain_text(d) for d in p.documents if d.strip()],
            "complain": plain_text(p.complain),
            "steps": [{"title": plain_text(s.title), "detail": plain_text(s.detail)}
                      for s in p.steps]})
    return out


def import_powers(engine: Engine, path: Path, *, now: datetime) -> dict[str, int]:
    """Replace the county's micro-power list with the file at ``path``; returns counts
    ``added``, ``changed``, ``withdrawn``, ``unchanged``. Raises :class:`PowerFileError`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise PowerFileError(f"cannot read {path}: {exc.strerror}") from None
    return publish_powers(engine, raw, now=now)


def publish_powers(engine: Engine, raw: bytes, *, now: datetime) -> dict[str, int]:
    """:func:`import_powers` of a file's bytes."""
    powers = parse_powers(raw)
    counts = {"added": 0, "changed": 0, "withdrawn": 0, "unchanged": 0}
    with writing(engine) as conn:
        _check_items(conn, powers)
        stored = {r.code: r for r in conn.execute(select(Power))}
        for position, p in enumerate(powers):
            body = json.dumps({k: v for k, v in p.items() if k not in ("code", "name")},
                              ensure_ascii=False, sort_keys=True)
            old = stored.get(str(p["code"]))
            values = {"name": p["name"], "position": position, "body": body, "deleted": False}
            if old is not None and not old.deleted and (old.name, old.position, old.body) == (
                    p["name"], position, body):
                counts["unchanged"] += 1
                continue
            values.update(seq=take_seqs(conn), updated_at=now)
            if old is None:
                conn.execute(insert(Power).values(code=p["code"], **values))
                counts["added"] += 1
            else:
                conn.execute(update(Power).where(Power.code == old.code).values(**values))
                counts["changed"] += 1
        wanted = {p["code"] for p in powers}
        for code, old in stored.items():
            if code not in wanted and not old.deleted:
                conn.execute(update(Power).where(Power.code == code).values(
                    deleted=True, seq=take_seqs(conn), updated_at=now))
                counts["withdrawn"] += 1
    return counts


def _check_items(conn: Connection, powers: list[dict[str, object]]) -> None:
    """Refuse a power linked to an item the catalogue does not have (a typo would hide the
    kiosk's 怎么申请 button without a word)."""
    wanted = {str(code) for p in powers for code in cast(list[str], p.get("items", []))}
    if not wanted:
        return
    known = set(conn.execute(select(BenefitItem.code).where(
        BenefitItem.code.in_(sorted(wanted)), BenefitItem.deleted.is_(False))).scalars())
    for i, p in enumerate(powers):
        for code in cast(list[str], p.get("items", [])):
            if code not in known:
                raise PowerFileError(f"powers.{i}.items: no catalogue item {code!r} "
                                     "(see `county item list`)")


def list_powers(engine: Engine) -> list[PowerRow]:
    """The published powers in list order."""
    with engine.connect() as conn:
        rows = conn.execute(select(Power).where(Power.deleted.is_(False))
                            .order_by(Power.position, Power.code)).all()
    out: list[PowerRow] = []
    for r in rows:
        body = json.loads(r.body)
        out.append(PowerRow(r.code, r.name, r.position, len(body.get("steps", [])),
                            tuple(body.get("items", []))))
    return out
