"""An import's checked rows on disk, so memory stays flat however long the file.

Checking a file and storing it are separate passes (a file with a bad row
stores nothing unless ``skip_bad``), so the checked rows must wait
somewhere: here, in a private SQLite file in a temporary directory (0700),
deleted with it. It holds what the import would store — ``id_hash``, never a
plaintext ID number: the payees' numbers and names (kept by county/payees.py)
wait here sealed with a key that lives only in this process's memory.
Duplicate rows of the file are found through its unique content-key index
rather than a dictionary in memory. When the rows are stored as they are
checked (county/importer/stream.py) it keeps only the content keys, and
the payees already sealed with the county's ID key.

Rows come back in file order, in batches (``BATCH_ROWS``).
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import fields
from operator import attrgetter
from pathlib import Path
from typing import Any

from county.payments import NewMember, NewPayment

__all__ = ["BATCH_ROWS", "CACHE_KIB", "Staged", "Staging", "dump_member", "dump_payment"]

#: Rows a batch holds in memory while the import checks or stores it.
BATCH_ROWS = 5000

#: The staging file's page cache: a fixed bound, not growth with the rows. The
#: content keys' index of a big file outgrows SQLite's default 2 MiB, and each
#: row's insert then waits for pages; 32 MiB holds ~400 000 keys.
CACHE_KIB = 32768

Staged = tuple[int, str, NewPayment]
"""(staging row id, content key, payment)."""

# Rows are pickled as plain tuples of their fields: unpickling a slotted frozen
# dataclass looks its fields up once per object, a third of a big import's time.
_PAYMENT = attrgetter(*(f.name for f in fields(NewPayment)))
_MEMBER = attrgetter(*(f.name for f in fields(NewMember)))


def _dump(values: Any) -> bytes:
    return pickle.dumps(values, protocol=pickle.HIGHEST_PROTOCOL)


def dump_payment(payment: NewPayment) -> bytes:
    """A payment as the staging file holds it (a checking process makes it)."""
    return _dump(_PAYMENT(payment))


def dump_member(member: NewMember) -> bytes:
    """A membership as the staging file holds it."""
    return _dump(_MEMBER(member))


class Staging:
    """The checked rows of one import (good, and held for a warning) and its memberships."""

    def __init__(self, directory: Path) -> None:
        self._db = sqlite3.connect(directory / "staging.db", isolation_level=None)
        self._db.execute(f"PRAGMA cache_size = -{int(CACHE_KIB)}")
        self._db.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE row (id INTEGER PRIMARY KEY, ckey TEXT NOT NULL UNIQUE,
                              sheet TEXT NOT NULL, line INTEGER NOT NULL, held INTEGER NOT NULL,
                              payment BLOB NOT NULL, fresh INTEGER, super TEXT);
            CREATE TABLE member (id_hash TEXT NOT NULL, held INTEGER NOT NULL,
                                 member BLOB NOT NULL, PRIMARY KEY (id_hash, held));
            -- only rows with a supersede key are looked up by it (most have none)
            CREATE INDEX row_super ON row (super) WHERE super IS NOT NULL;
            CREATE TABLE payee (id_hash TEXT PRIMARY KEY, sealed BLOB NOT NULL);
            BEGIN;
        """)
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._sealer = AESGCM(AESGCM.generate_key(bit_length=128))
        self._payees: list[tuple[str, bytes]] = []
        self._periods = False

    def has_periods(self) -> bool:
        """Whether any row staged has a period (only those can supersede a stored one)."""
        return self._periods

    def close(self) -> None:
        """Close the file (the caller removes its directory)."""
        if self._db.in_transaction:
            self._db.execute("COMMIT")
        self._db.close()

    def add_rows(self, sheet: str, rows: Sequence[tuple[str, int, bool, bytes, bool]]
                 ) -> list[tuple[str, int] | None]:
        """Stage checked rows ``(content key, row number, held, payment (dump_payment),
        has a period)`` of ``sheet`` in file order; return, for each, None or — when an
        earlier row has its content key (that row is then not staged) — that first
        row's (sheet, row number).

        One statement for the lot when no row repeats one (the usual file): a
        row's (sheet, row number) is unique, so a row whose key's first row is
        another one is a duplicate.
        """
        if not rows:
            return []
        self._periods = self._periods or any(r[4] for r in rows)
        before = self._db.total_changes
        self._db.executemany(
            "INSERT OR IGNORE INTO row (ckey, sheet, line, held, payment) VALUES (?,?,?,?,?)",
            [(ckey, sheet, line, int(held), blob) for ckey, line, held, blob, _ in rows])
        if self._db.total_changes - before == len(rows):
            return [None] * len(rows)
        first: dict[str, tuple[str, int]] = {}
        keys = [r[0] for r in rows]
        for start in range(0, len(keys), 900):
            chunk = keys[start:start + 900]
            first.update((str(k), (str(s), int(n))) for k, s, n in self._db.execute(
                f"SELECT ckey, sheet, line FROM row WHERE ckey IN ({','.join('?' * len(chunk))})",
                chunk))
        return [None if first[ckey] == (sheet, line) else first[ckey]
                for ckey, line, *_ in rows]

    def add_member(self, member: bytes, who: str, *, held: bool) -> None:
        """Stage a membership (dump_member; a later row of the same person replaces it;
        good and held rows' apart)."""
        self._db.execute("INSERT OR REPLACE INTO member (id_hash, held, member) VALUES (?,?,?)",
                         (who, int(held), member))

    def seal_payee(self, who: str, number: str, name: str, nonce: int) -> bytes:
        """A payee's ID number and name sealed for :meth:`add_payee`; ``nonce`` (< 2**96)
        must be unique in the import — a checking process seals with its own range, and
        touches nothing else here."""
        raw = nonce.to_bytes(12, "big")  # unique per (one-off) key: all GCM needs
        return raw + self._sealer.encrypt(raw, f"{number}\x1f{name}".encode(), who.encode())

    def add_payee(self, who: str, sealed: bytes) -> None:
        """Stage a payee (:meth:`seal_payee`; a later row of the same person replaces it),
        written in batches: the plaintext never reaches the file."""
        self._payees.append((who, sealed))
        if len(self._payees) >= BATCH_ROWS:
            self._flush_payees()

    def _flush_payees(self) -> None:
        if self._payees:  # in order: a later row of the same person still wins
            self._db.executemany("INSERT OR REPLACE INTO payee (id_hash, sealed) VALUES (?, ?)",
                                 self._payees)
            self._payees.clear()

    def _payee_rows(self) -> Iterator[list[tuple[str, bytes]]]:
        """The staged payees as ``(id_hash, sealed)``, in batches by ``id_hash``."""
        self._flush_payees()
        last = ""
        while True:
            rows = self._db.execute("SELECT id_hash, sealed FROM payee WHERE id_hash > ? "
                                    "ORDER BY id_hash LIMIT ?", (last, BATCH_ROWS)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [(str(who), bytes(sealed)) for who, sealed in rows]

    def payee_batches(self) -> Iterator[list[tuple[str, str, str]]]:
        """The staged payees as ``(id_hash, ID number, name)``, in batches."""
        for rows in self._payee_rows():
            batch = []
            for who, sealed in rows:
                plain = self._sealer.decrypt(sealed[:12], sealed[12:], who.encode()).decode()
                number, _, name = plain.partition("\x1f")
                batch.append((who, number, name))
            yield batch

    def sealed_payee_batches(self) -> Iterator[list[tuple[str, str, str, str]]]:
        """The staged payees that were sealed for the county already (:meth:`add_payee`
        given ``"\x1f".join(county.payees.seal_person(...)[1:]).encode()``), in batches."""
        for rows in self._payee_rows():
            batch = []
            for who, sealed in rows:
                id_enc, masked, name_enc = sealed.decode().split("\x1f")
                batch.append((who, id_enc, masked, name_enc))
            yield batch

    def count(self) -> int:
        """Rows staged, held ones included."""
        return int(self._db.execute("SELECT count(*) FROM row").fetchone()[0])

    def has_members(self, *, held: bool) -> bool:
        """Whether any membership would be stored."""
        return self._db.execute("SELECT 1 FROM member WHERE held <= ? LIMIT 1",
                                (int(held),)).fetchone() is not None

    def batches(self, *, held: bool, only_fresh: bool = False) -> Iterator[list[Staged]]:
        """The rows to store (``held``: with the held ones), in file order, in batches."""
        last = 0
        fresh = " AND fresh = 1" if only_fresh else ""
        while True:
            rows = self._db.execute(
                f"SELECT id, ckey, payment FROM row WHERE id > ? AND held <= ?{fresh} "
                "ORDER BY id LIMIT ?", (last, int(held), BATCH_ROWS)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [(int(r[0]), str(r[1]), NewPayment(*pickle.loads(r[2]))) for r in rows]

    def member_batches(self, *, held: bool) -> Iterator[list[NewMember]]:
        """The memberships to store, in batches (a held row's beats a good row's)."""
        last = ""
        while True:
            rows = self._db.execute(
                "SELECT id_hash, member FROM member AS m WHERE id_hash > ? AND held <= ? "
                "AND NOT (held = 0 AND ? AND EXISTS (SELECT 1 FROM member AS h "
                "WHERE h.id_hash = m.id_hash AND h.held = 1)) "
                "ORDER BY id_hash LIMIT ?", (last, int(held), int(held), BATCH_ROWS)).fetchall()
            if not rows:
                return
            last = rows[-1][0]
            yield [NewMember(*pickle.loads(r[1])) for r in rows]

    def members_among(self, hashes: Sequence[str], *, held: bool) -> set[str]:
        """Which of ``hashes`` the file gives a membership for."""
        found: set[str] = set()
        for start in range(0, len(hashes), 900):
            chunk = list(hashes[start:start + 900])
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._db.execute(
                f"SELECT id_hash FROM member WHERE held <= ? AND id_hash IN ({marks})",
                (int(held), *chunk)))
        return found

    def any_supersede_key(self) -> bool:
        """Whether any fresh row (:meth:`mark_fresh`) has a supersede key."""
        return self._db.execute("SELECT 1 FROM row WHERE fresh = 1 AND super IS NOT NULL "
                                "LIMIT 1").fetchone() is not None

    def mark_fresh(self, rows: Sequence[tuple[int, str]]) -> None:
        """Mark rows (id, supersede key) as not stored in the county yet (rows without a
        supersede key need no mark: nothing reads it for them)."""
        self._db.executemany("UPDATE row SET fresh = 1, super = ? WHERE id = ?",
                             [(key, row_id) for row_id, key in rows])

    def unique_supersede_keys(self, keys: Sequence[str]) -> set[str]:
        """Those of ``keys`` exactly one fresh row of the file has."""
        found: set[str] = set()
        for start in range(0, len(keys), 900):
            chunk = list(keys[start:start + 900])
            marks = ",".join("?" * len(chunk))
            found.update(r[0] for r in self._db.execute(
                f"SELECT super FROM row WHERE fresh = 1 AND super IN ({marks}) "
                "GROUP BY super HAVING count(*) = 1", chunk))
        return found
