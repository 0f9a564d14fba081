"""Storing a village's projects: the clerk's file is the village's whole list.

Each project of the file is added, or — when anything of it changed — replaced
in place under its id with a fresh seq (its terminals receive it again whole);
a project of the village no longer in the file is withdrawn (``deleted``, a
fresh seq: a tombstone). One transaction: a terminal sees the list before or
after the import, never a mix. Images go through the ledger's pipeline
(re-encoded, capped, stored once by hash in ``ledger_image``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, insert, inspect, select, update

from county.ledger.images import Voucher
from county.ledger.sheet import RowProblem
from county.ledger.store import read_images, store_images, township_of
from county.projects.models import VillageProject
from county.projects.sheet import ProjectIn, read_projects
from county.seq import take_seqs
from county.tx import writing

__all__ = ["ProjectsResult", "import_projects", "project_body", "seed_projects"]


@dataclass
class ProjectsResult:
    """What an import did (or, with ``dry_run`` or bad rows, would have done)."""

    village: str
    township: str
    projects: list[str]
    stages: int
    images: int
    added: int = 0
    changed: int = 0
    withdrawn: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stored: bool = False

    def as_json(self) -> dict[str, Any]:
        return {"village": self.village, "township": self.township,
                "projects": self.projects, "stages": self.stages, "images": self.images,
                "added": self.added, "changed": self.changed, "withdrawn": self.withdrawn,
                "stored": self.stored, "notes": self.notes,
                "problems": [{"row": p.row, "reason": p.reason} for p in self.problems]}

    @property
    def exit_code(self) -> int:
        return 0 if not self.problems else 1


@dataclass(frozen=True)
class StageIn:
    """A stage ready to store: its image (if any) already re-encoded."""

    stage: str
    day: date
    amount_fen: int | None
    who: str
    note: str
    image: Voucher | None = None


def project_body(stages: Sequence[StageIn]) -> str:
    """The JSON ``body`` of a project (sync.protocol.projects.ProjectBody): its stages by
    date (a day's stages in their natural order)."""
    from county.projects.stages import STAGES
    rank = {code: i for i, code in enumerate(STAGES)}
    ordered = sorted(stages, key=lambda s: (s.day, rank.get(s.stage, len(rank))))
    return json.dumps({"stages": [
        {"stage": s.stage, "date": s.day.isoformat(), "amount_fen": s.amount_fen,
         "who": s.who, "note": s.note,
         "image_sha256": s.image.sha256 if s.image else "",
         "image_size": len(s.image.data) if s.image else 0} for s in ordered]},
        ensure_ascii=False, sort_keys=True)


def _bodies(projects: Sequence[ProjectIn], images: dict[str, Voucher]) -> dict[str, str]:
    return {p.code: project_body([StageIn(s.stage, s.day, s.amount_fen, s.who, s.note,
                                          images.get(s.image) if s.image else None)
                                  for s in p.stages]) for p in projects}


def _publish(conn: Connection, place: str, village: str, wanted: list[tuple[str, str, str]],
             *, now: datetime) -> tuple[int, int, int]:
    """Make the village's live projects ``wanted`` (code, name, body), in that order;
    returns (added, changed, withdrawn)."""
    stored = {r.code: r for r in conn.execute(select(VillageProject).where(
        VillageProject.township == place, VillageProject.village == village,
        VillageProject.deleted.is_(False)))}
    added = changed = 0
    for position, (code, name, body) in enumerate(wanted):
        old = stored.pop(code, None)
        if old is not None and (old.name, old.position, old.body) == (name, position, body):
            continue
        values = {"name": name, "position": position, "body": body, "deleted": False,
                  "seq": take_seqs(conn), "updated_at": now}
        if old is None:
            conn.execute(insert(VillageProject).values(township=place, village=village,
                                                       code=code, **values))
            added += 1
        else:
            conn.execute(update(VillageProject).where(VillageProject.id == old.id)
                         .values(**values))
            changed += 1
    for old in stored.values():
        conn.execute(update(VillageProject).where(VillageProject.id == old.id).values(
            deleted=True, seq=take_seqs(conn), updated_at=now))
    return added, changed, len(stored)


def import_projects(engine: Engine, path: Path, *, village: str, township: str | None,
                    now: datetime, dry_run: bool = False,
                    sheet: str | None = None) -> ProjectsResult:
    """Read ``path`` and, if every row is good and not ``dry_run``, make its projects the
    village's list. Raises SourceError (unreadable file) and LedgerImportError (village
    unknown, township ambiguous)."""
    place = township_of(engine, village, township)
    parsed = read_projects(path, sheet=sheet)
    problems = list(parsed.problems)
    images = read_images(path, parsed.stages, problems)
    problems.sort(key=lambda p: p.row)
    result = ProjectsResult(village=village, township=place,
                            projects=[p.name for p in parsed.projects],
                            stages=len(parsed.stages), images=len(images),
                            problems=problems, notes=parsed.notes)
    if problems or dry_run:
        return result
    if not parsed.projects:
        result.notes.append("文件里没有项目：本村的项目都没有改动（要撤下全部项目请联系县里）")
        return result
    bodies = _bodies(parsed.projects, images)
    with writing(engine) as conn:
        store_images(conn, images.values(), now=now)
        result.added, result.changed, result.withdrawn = _publish(
            conn, place, village, [(p.code, p.name, bodies[p.code]) for p in parsed.projects],
            now=now)
    result.stored = True
    return result


def seed_projects(conn: Connection, township: str, village: str,
                  projects: Sequence[tuple[str, str, Sequence[StageIn]]], *,
                  now: datetime) -> int:
    """Add the demo projects (``county seed-demo``; skipped if the village has any, or on a
    database not yet at the projects' schema revision, as the migration tests seed)."""
    if not inspect(conn).has_table("village_project") or conn.execute(
            select(VillageProject.id).where(VillageProject.village == village).limit(1)
    ).first() is not None:
        return 0
    store_images(conn, [s.image for _, _, stages in projects for s in stages if s.image],
                 now=now)
    added, _, _ = _publish(conn, township, village,
                           [(code, name, project_body(stages)) for code, name, stages in projects],
                           now=now)
    return added
