"""Storing an import's checked rows: count what the file adds, then write it, all or nothing.

The checked rows wait in the staging file (county/importer/staging.py). A
file whose rows can supersede stored payments (rows with a period) is read
twice: a counting pass marks the rows not stored yet, since a supersession
needs to know which of the file's fresh rows share a key, then the storing
pass writes. Any other file is read once: each batch is counted and stored
in the import's transaction, and the batch record takes its counts at the
end — the rows and change numbers stored are the same as with two passes.
A dry run without a hook, and a refused file, are only counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, select, update

from county.bulk import matching
from county.corrections import find_superseded, supersede
from county.importer.batch import new_batch
from county.importer.options import ImportOptions
from county.importer.people import PeopleToKey
from county.importer.rejects import write_rejects
from county.importer.report import BadRow, ImportResult
from county.importer.report import default_reject_path as _reject_path
from county.importer.staging import Staging
from county.models import HouseholdMember, ImportBatch
from county.payees import load_vault, remember_people
from county.payments import (
    NewPayment,
    StoredPlace,
    correct_places,
    place_corrections,
    stored_places,
    write_members,
    write_payments,
)
from county.person_keys import store_person_keys

if TYPE_CHECKING:
    from county.importer.stream import StreamStore

__all__ = ["Checked", "store"]


@dataclass
class Checked:
    """Every sheet's rows, checked; the good (and held) ones staged on disk."""

    result: ImportResult
    staging: Staging
    rejected: list[tuple[str, list[str], list[Any], BadRow]] = field(default_factory=list)
    people: PeopleToKey = field(default_factory=lambda: PeopleToKey({}, {}))
    stream: StreamStore | None = None
    """Where the rows go as they are checked, if they may (county/importer/stream.py)."""


@dataclass
class _Batch:
    """One batch of staged rows as the county stands: what is stored, what is new."""

    keys: list[str]
    payments: list[NewPayment]
    present: dict[str, StoredPlace]
    ids: list[int]


@dataclass
class _Counts:
    present: int = 0
    withdrawn: int = 0
    corrected: int = 0
    fresh: int = 0

    def add(self, batch: _Batch) -> None:
        self.fresh += len(batch.keys) - len(batch.present)
        self.present += len(batch.present)
        self.withdrawn += sum(1 for s in batch.present.values() if s.deleted)
        self.corrected += len(place_corrections(batch.present, batch.payments, batch.keys))

    def into(self, result: ImportResult, superseded: int) -> None:
        result.withdrawn_before = self.withdrawn
        result.already_present = self.present - self.withdrawn
        result.superseded = superseded
        result.new = self.fresh - superseded
        result.corrected = self.corrected


def _batches(conn: Connection, checked: Checked, *, held: bool) -> Iterator[_Batch]:
    """The staged rows in batches, households filled, with their stored places."""
    for rows in checked.staging.batches(held=held):
        payments = _fill_households(conn, checked.staging, [p for _, _, p in rows], held=held)
        keys = [k for _, k, _ in rows]
        yield _Batch(keys, payments, stored_places(conn, keys), [i for i, _, _ in rows])


def _supersede_key(p: NewPayment) -> str | None:
    return "\x1f".join((p.id_hash, p.item_code, p.period, p.department)) if p.period else None


def _superseding(conn: Connection, checked: Checked, batch: _Batch) -> list[tuple[Any, int]]:
    """(stored row, index in the batch) of the batch's fresh rows that supersede one.

    As county.corrections.find_superseded over the whole file: a supersede key
    that two fresh rows of the file share supersedes nothing.
    """
    fresh = [i for i, k in enumerate(batch.keys) if k not in batch.present]
    unique = checked.staging.unique_supersede_keys(
        [k for i in fresh if (k := _supersede_key(batch.payments[i])) is not None])
    candidates = [i for i in fresh if _supersede_key(batch.payments[i]) in unique]
    found = find_superseded(conn, [batch.payments[i] for i in candidates])
    return [(row, candidates[j]) for j, row in found.items()]


def _count(engine: Engine, checked: Checked, *, held: bool) -> None:
    """The counting pass: what the file adds, supersedes, corrects (storing nothing)."""
    staging, counts, superseded = checked.staging, _Counts(), 0
    with engine.connect() as conn:
        for batch in _batches(conn, checked, held=held):
            # Only a fresh row with a period can supersede: only those are marked.
            staging.mark_fresh([(batch.ids[i], key)
                                for i, (k, p) in enumerate(zip(batch.keys, batch.payments,
                                                               strict=True))
                                if k not in batch.present
                                and (key := _supersede_key(p)) is not None])
            counts.add(batch)
        if staging.any_supersede_key():  # else no row can supersede: no second pass
            for batch in _batches(conn, checked, held=held):
                superseded += len(_superseding(conn, checked, batch))
    counts.into(checked.result, superseded)


def store(engine: Engine, path: Path, options: ImportOptions, checked: Checked, *,
          now: datetime) -> ImportResult:
    """Count the staged rows into the result and store them (unless refused or a dry run)."""
    result = checked.result
    result.dry_run, result.skip_bad = options.dry_run, options.skip_bad
    result.warnings_accepted = held = options.accept_warnings
    staging = checked.staging
    result.good = staging.count()
    dry = options.dry_run
    only_count = (dry and options.after_store is None) or result.refused
    two_passes = only_count or staging.has_periods()
    if two_passes:
        _count(engine, checked, held=held)
        if only_count:
            return result
    if checked.rejected and not dry:
        reject_path = options.reject_file or _reject_path(path)
        write_rejects(reject_path, checked.rejected)
        result.reject_file = str(reject_path)
    derived = checked.people.derive(engine)
    members = staging.has_members(held=held)
    if two_passes and not (result.new or result.superseded or members or result.corrected
                           or derived):
        result.imported = not dry
        return result
    with engine.connect() as conn, conn.execution_options(
            sqlite_begin="IMMEDIATE").begin() as tx:
        store_person_keys(conn, derived)
        if two_passes and (result.new or result.superseded):
            result.batch = new_batch(conn, path, options, result, now=now)
        for group in staging.member_batches(held=held):
            write_members(conn, group, now=now)
        counts = _Counts()
        for batch in _batches(conn, checked, held=held):
            if not two_passes:
                counts.add(batch)
                if result.batch is None and len(batch.present) < len(batch.keys):
                    result.batch = new_batch(conn, path, options, result, now=now)
            _store_batch(conn, checked, batch, options, result, now=now)
        if not two_passes:  # one pass: no row has a period, so none supersedes
            counts.into(result, 0)
            if result.batch is not None:
                conn.execute(update(ImportBatch).where(ImportBatch.id == result.batch)
                             .values(rows_new=result.new))
        # One pass stores what two would have: nothing more when nothing changed.
        if two_passes or result.new or result.corrected or members or derived:
            vault = load_vault(str(engine.url))  # issue 16: payees, encrypted (county/payees.py)
            for payees in staging.payee_batches():
                remember_people(conn, vault, payees, now=now)
            if options.after_store is not None:
                options.after_store(conn, result.batch)
        if dry:
            tx.rollback()
            result.batch = None
    result.imported = not dry
    return result


def _store_batch(conn: Connection, checked: Checked, batch: _Batch, options: ImportOptions,
                 result: ImportResult, *, now: datetime) -> None:
    """Store one batch (in the import's transaction): new rows, supersessions, moves."""
    replaced = _superseding(conn, checked, batch)
    skip = {i for _, i in replaced}
    adding = [(k, p) for i, (k, p) in enumerate(zip(batch.keys, batch.payments, strict=True))
              if k not in batch.present and i not in skip]
    write_payments(conn, [p for _, p in adding], now=now, import_id=result.batch,
                   keys=[k for k, _ in adding], unstored=True)
    if replaced:
        assert result.batch is not None
        supersede(conn, [(row, batch.payments[i]) for row, i in replaced],
                  batch_id=result.batch, actor=options.actor, now=now)
    if place_corrections(batch.present, batch.payments, batch.keys):
        stored = [(k, p) for k, p in zip(batch.keys, batch.payments, strict=True)
                  if k in batch.present]
        correct_places(conn, [p for _, p in stored], now=now, keys=[k for k, _ in stored])


def _fill_households(conn: Connection, staging: Staging, good: list[NewPayment], *,
                     held: bool) -> list[NewPayment]:
    """Payments without a household column take the recipient's known household
    (unless the file itself gives the recipient's household)."""
    missing = sorted({p.id_hash for p in good if not p.household_id})
    if not missing:
        return good
    in_file = staging.members_among(missing, held=held)
    unknown = [h for h in missing if h not in in_file]
    found: dict[str, str] = {}
    for where in matching(conn, HouseholdMember.id_hash, unknown) if unknown else ():
        for row in conn.execute(select(HouseholdMember.id_hash, HouseholdMember.household_id)
                                .where(where)):
            found[row.id_hash] = row.household_id
    return [replace(p, household_id=found[p.id_hash])
            if not p.household_id and p.id_hash in found else p for p in good]
