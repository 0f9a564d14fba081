"""Who a payment went to, kept for acting on a lead: names and ID numbers encrypted at rest.

Lookups and matching use ``id_hash`` (HMAC with the county lookup key,
county/state.py). To act on a lead the inspection office needs the person
behind it, so every import also keeps, per ``id_hash``, the payee's name and
ID number encrypted with AES-GCM (``cryptography``) and the masked number
(``4312**********1013``) that every screen, export and log shows. The AES
key is a file of its own (32 random bytes, mode 0600), never in the
database: a copied database or a ``pg_dump`` holds only ciphertext. The key
file is found by :func:`key_path`: ``$VILLAGE_COUNTY_ID_KEY``, else
``county-id.key`` beside a SQLite database, else in systemd's
``$STATE_DIRECTORY``, else in the county service's own state directory
(:data:`SERVICE_STATE`, where the shipped unit keeps it) — never the working
directory: an import run from a USB stick must not make a second key there
and encrypt with it.

Only :func:`reveal` decrypts, and it writes who asked into the console's
append-only audit log in the same transaction (county/console/audit.py).
Whether the caller may ask (the inspector role) is decided by the caller:
the CLI and the console both check :data:`REVEAL_ROLES`.
"""

from __future__ import annotations

import base64
import contextlib
import os
import secrets
import stat
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import cast

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Connection, Engine, Table, bindparam, select, update
from sqlalchemy.engine import make_url

from county.bulk import insert_new, matching
from county.collision.models import Person
from county.errors import CountyError
from county.tx import writing
from kiosk.identity import mask_id

__all__ = [
    "KEY_ENV",
    "REVEAL_ROLES",
    "IdVault",
    "KeyFileError",
    "PersonView",
    "Sealed",
    "key_path",
    "load_vault",
    "masked_people",
    "remember_people",
    "remember_sealed",
    "reveal",
    "seal_person",
]

#: Environment variable naming the ID key file.
KEY_ENV = "VILLAGE_COUNTY_ID_KEY"
#: Roles allowed to see a full ID number.
REVEAL_ROLES = frozenset({"inspector"})
_KEY_BYTES = 32
_NONCE_BYTES = 12


class KeyFileError(CountyError):
    """The ID key file cannot be used (wrong size, readable by others, unreadable)."""

    code = "people.key_file"


#: systemd's StateDirectory of deploy/systemd/county.service.
SERVICE_STATE = Path("/var/lib/village-county")


def key_path(db_url: str) -> Path:
    """Where the ID key file of the database at ``db_url`` lives (see the module doc)."""
    env = os.environ.get(KEY_ENV)
    if env:
        return Path(env)
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        return Path(str(url.database)).resolve().with_name("county-id.key")
    state = os.environ.get("STATE_DIRECTORY", "").split(":")[0]
    return (Path(state) if state else SERVICE_STATE) / "county-id.key"


def _create_key(path: Path) -> None:
    """Create the key file whole or not at all: written to a temporary file, then
    hard-linked into place (fails if another process got there first)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise KeyFileError(f"cannot create the ID key file {path}: {exc.strerror} "
                           f"(set {KEY_ENV} to a writable place)") from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(_KEY_BYTES))
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileExistsError):  # the other process's key wins
            os.link(name, path)
    finally:
        os.unlink(name)


def _read_key(path: Path) -> bytes:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError as exc:
        raise KeyFileError(f"cannot read the ID key file {path}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as stream:
        mode = os.fstat(stream.fileno()).st_mode
        if mode & (stat.S_IRWXG | stat.S_IRWXO):
            raise KeyFileError(f"the ID key file {path} is readable by others "
                               f"(mode {stat.S_IMODE(mode):04o}); chmod 600 it")
        key = stream.read(_KEY_BYTES + 1)
    if len(key) != _KEY_BYTES:
        raise KeyFileError(f"the ID key file {path} holds {len(key)} bytes, not "
                           f"{_KEY_BYTES}: restore it from the backup")
    return key


@dataclass(frozen=True)
class IdVault:
    """AES-GCM over names and ID numbers; the row's ``id_hash`` is the associated data,
    so a ciphertext copied onto another person's row does not decrypt."""

    key: bytes

    @cached_property
    def _aead(self) -> AESGCM:  # one cipher object for a million rows, not one a row
        return AESGCM(self.key)

    def seal(self, who: str, text: str) -> str:
        """``text`` encrypted for the row of ``who`` (base64 of nonce + ciphertext)."""
        nonce = secrets.token_bytes(_NONCE_BYTES)
        sealed = self._aead.encrypt(nonce, text.encode("utf-8"), who.encode("ascii"))
        return base64.b64encode(nonce + sealed).decode("ascii")

    def open(self, who: str, token: str) -> str:
        """The text :meth:`seal` sealed; raises :class:`KeyFileError` for another key."""
        if not token:
            return ""
        raw = base64.b64decode(token)
        try:
            plain = self._aead.decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:],
                                             who.encode("ascii"))
        except InvalidTag:
            raise KeyFileError("a stored ID number does not decrypt with this key file "
                               "(another county's key, or the row was tampered with)") from None
        return plain.decode("utf-8")


def load_vault(db_url: str, *, create: bool = True) -> IdVault:
    """The vault of the database at ``db_url``, creating its key file (0600) on first use.

    Raises :class:`KeyFileError`.
    """
    path = key_path(db_url)
    if create and not os.path.lexists(path):
        _create_key(path)
    return IdVault(_read_key(path))


Sealed = tuple[str, str, str, str]
"""A payee ready to store: (id_hash, sealed ID number, masked number, sealed name or "")."""


def seal_person(vault: IdVault, who: str, number: str, name: str) -> Sealed:
    """A payee's number and name sealed for :func:`remember_sealed` (no I/O: an import's
    checking processes call it)."""
    name = name.replace(" ", "").replace("\u3000", "")
    return who, vault.seal(who, number), mask_id(number), vault.seal(who, name) if name else ""


def remember_people(conn: Connection, vault: IdVault,
                    people: Iterable[tuple[str, str, str]], *, now: datetime) -> int:
    """Store ``(id_hash, ID number, name)`` in the caller's transaction; returns how many
    rows were new. A known person keeps the stored number; a name fills in or replaces."""
    latest = {who: (number, name) for who, number, name in people}  # a later row wins
    return remember_sealed(conn, [seal_person(vault, who, number, name)
                                  for who, (number, name) in latest.items()], now=now)


def remember_sealed(conn: Connection, people: Iterable[Sealed], *, now: datetime) -> int:
    """:func:`remember_people` of payees sealed already (:func:`seal_person`)."""
    rows = {who: (id_enc, masked, name_enc) for who, id_enc, masked, name_enc in people}
    if not rows:
        return 0
    stored: dict[str, str] = {}
    for where in matching(conn, Person.id_hash, list(rows)):
        stored.update((r.id_hash, r.name_enc) for r in conn.execute(
            select(Person.id_hash, Person.name_enc).where(where)))
    fresh = [(who, id_enc, masked, name_enc, now)
             for who, (id_enc, masked, name_enc) in rows.items() if who not in stored]
    if fresh:  # COPY on PostgreSQL; a person a concurrent import stored meanwhile is kept
        insert_new(conn, cast(Table, Person.__table__),
                   ("id_hash", "id_enc", "masked_id", "name_enc", "updated_at"),
                   lambda: fresh, unique="id_hash")
    renamed = [{"h": who, "n": name_enc, "t": now}
               for who, (_, _, name_enc) in rows.items() if who in stored and name_enc]
    if renamed:
        conn.execute(update(Person).where(Person.id_hash == bindparam("h"))
                     .values(name_enc=bindparam("n"), updated_at=bindparam("t")), renamed)
    return len(fresh)


@dataclass(frozen=True)
class PersonView:
    """A person as a lead shows them: name (decrypted) and masked ID number."""

    id_hash: str
    name: str
    masked_id: str


def masked_people(conn: Connection, vault: IdVault | None,
                  hashes: Iterable[str]) -> dict[str, PersonView]:
    """Names and masked numbers of ``hashes`` (names stay "" without a vault)."""
    wanted = sorted(set(hashes))
    out: dict[str, PersonView] = {}
    for where in matching(conn, Person.id_hash, wanted):
        for r in conn.execute(select(Person.id_hash, Person.name_enc, Person.masked_id)
                              .where(where)):
            name = vault.open(r.id_hash, r.name_enc) if vault is not None else ""
            out[r.id_hash] = PersonView(r.id_hash, name, r.masked_id)
    return out


def reveal(engine: Engine, vault: IdVault, who: str, *, actor: str, role: str, reason: str,
           address: str, now: datetime) -> str:
    """The full ID number of ``who``, after writing the reveal into the audit log.

    Raises ``PermissionError`` unless ``role`` is in :data:`REVEAL_ROLES`,
    ``ValueError`` without a reason or for an unknown person.
    """
    from county.console.audit import record

    if role not in REVEAL_ROLES:
        raise PermissionError(f"role {role!r} may not see full ID numbers (only "
                              f"{', '.join(sorted(REVEAL_ROLES))})")
    if not reason.strip():
        raise ValueError("a reason is required to see a full ID number")
    with writing(engine) as conn:
        row = conn.execute(select(Person.id_enc, Person.masked_id)
                           .where(Person.id_hash == who)).first()
        if row is None:
            raise ValueError("no such person")
        record(conn, actor=actor, address=address, action="id.reveal", now=now,
               target=row.masked_id, after={"reason": reason.strip()})
    return vault.open(who, row.id_enc)
