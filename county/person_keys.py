"""Village person keys: the slow, salted derivations village terminals look people up by.

The county matches and imports with ``id_hash`` (HMAC-SHA256 with its lookup
key, county/state.py); that key never leaves the county for a village
terminal (``Terminal.person_keys``). Such a terminal receives, for each
person of its own village only, ``derive_person_key(village kdf, ID number)``
(kiosk/person_key.py) in place of ``id_hash``, and the village's salt and
parameters at enrollment.

The derivation needs the plaintext number, which the county holds only while
an import reads a department's file: the importer calls
:func:`compute_missing` for the people of villages that have a derivation
(``village_kdf``, created by :func:`ensure_village_kdf` when IT makes a
village enrollment code), then :func:`store_person_keys` in its write
transaction. Each (village, person) is derived once (≈ 100 ms at the
deployed cost) and cached in ``person_key``; a person whose key is stored
after their rows were already synced has those rows' ``seq`` renewed, so
they page again to the village's terminals, now under their person key. A
person imported before their village had a derivation reaches village
terminals only once a file naming them is imported again.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Select,
    and_,
    bindparam,
    func,
    insert,
    select,
    tuple_,
    update,
)

from county.models import HouseholdMember, Payment, PersonKey, VillageKdf
from county.scope import TerminalScope
from county.seq import take_seqs
from county.state import get_state, set_state
from kiosk.person_key import PersonKdf, derive_person_key
from sync.protocol import ComplaintSubmission

__all__ = [
    "DEFAULT_N",
    "DEFAULT_P",
    "DEFAULT_R",
    "Person",
    "VillageKeys",
    "compute_missing",
    "county_holder",
    "ensure_village_kdf",
    "hash_of_person_key",
    "keyed_select",
    "person_keys_of",
    "set_default_cost",
    "store_person_keys",
    "village_kdf",
    "village_keys",
    "villages_with_kdf",
]

#: Default scrypt cost: N=2^15, r=8 (32 MiB) is ~70 ms on a 2020s server core and
#: ~100–150 ms on a Celeron-class panel PC (tests/bench/bench_theft.py measures it).
DEFAULT_N, DEFAULT_R, DEFAULT_P = 1 << 15, 8, 1
_COST_STATE = "person_kdf_cost"

Person = tuple[str, str, str]
"""(township, village, id_hash): a person as one village knows them."""


def set_default_cost(conn: Connection, *, n: int, r: int = DEFAULT_R, p: int = DEFAULT_P) -> None:
    """The scrypt cost new village derivations get (existing villages keep theirs).

    Raises :class:`kiosk.person_key.PersonKdfError` for parameters a
    terminal would refuse.
    """
    PersonKdf(b"\0" * 16, n, r, p)  # validates
    set_state(conn, _COST_STATE, json.dumps({"n": n, "r": r, "p": p}))


def _default_cost(conn: Connection) -> tuple[int, int, int]:
    stored = get_state(conn, _COST_STATE)
    if not stored:
        return DEFAULT_N, DEFAULT_R, DEFAULT_P
    cost = json.loads(stored)
    return int(cost["n"]), int(cost["r"]), int(cost["p"])


def _kdf_of(row: Any) -> PersonKdf:
    return PersonKdf.from_json({"salt": row.salt, "n": row.n,
                                "r": row.r, "p": row.p,
                                "generation": row.generation})


def village_kdf(conn: Connection, township: str, village: str) -> PersonKdf | None:
    """The village's derivation, or None if it has none yet."""
    row = conn.execute(select(VillageKdf).where(VillageKdf.township == township,
                                                VillageKdf.village == village)).first()
    return None if row is None else _kdf_of(row)


def ensure_village_kdf(conn: Connection, township: str, village: str, *, now: datetime,
                       cost: tuple[int, int, int] | None = None) -> PersonKdf:
    """The village's derivation, created (fresh 16-byte salt; ``cost`` (N, r, p) or the
    county's default) if missing."""
    found = village_kdf(conn, township, village)
    if found is not None:
        return found
    n, r, p = cost or _default_cost(conn)
    kdf = PersonKdf(secrets.token_bytes(16), n, r, p)
    conn.execute(insert(VillageKdf).values(
        township=township, village=village, salt=kdf.to_json()["salt"], n=n, r=r, p=p,
        generation=kdf.generation, created_at=now))
    return kdf


def villages_with_kdf(engine: Engine) -> dict[tuple[str, str], PersonKdf]:
    """Every village that has a derivation, by (township, village)."""
    with engine.connect() as conn:
        return {(row.township, row.village): _kdf_of(row)
                for row in conn.execute(select(VillageKdf))}


def compute_missing(engine: Engine, people: Mapping[Person, str],
                    kdfs: Mapping[tuple[str, str], PersonKdf], *,
                    progress: Callable[[int], None] | None = None) -> dict[Person, tuple[int, str]]:
    """Derive the keys of ``people`` (person → plaintext number) not cached yet.

    Returns person → (generation, derived key). Reads the cache, then spends
    one derivation (≈ 100 ms) per missing person, outside any transaction.
    ``progress`` is called with the count derived so far.
    """
    wanted = [p for p in people if (p[0], p[1]) in kdfs]
    cached: set[Person] = set()
    with engine.connect() as conn:
        for start in range(0, len(wanted), 500):
            chunk = wanted[start:start + 500]
            cached.update((r[0], r[1], r[2]) for r in conn.execute(select(
                PersonKey.township, PersonKey.village, PersonKey.id_hash).where(
                tuple_(PersonKey.township, PersonKey.village, PersonKey.id_hash).in_(chunk))))
    out: dict[Person, tuple[int, str]] = {}
    for person in wanted:
        if person in cached:
            continue
        kdf = kdfs[(person[0], person[1])]
        out[person] = (kdf.generation, derive_person_key(kdf, people[person]))
        if progress is not None:
            progress(len(out))
    return out


def store_person_keys(conn: Connection, derived: Mapping[Person, tuple[int, str]]) -> int:
    """Store derived keys (in the caller's write transaction); renew their rows' seqs.

    A person cached meanwhile by another import keeps the stored key.
    Returns the number of keys stored. Set-based: a few statements per 500
    people, not one per row (a county's 30 000 rows took a minute row by row).
    """
    wanted = list(derived)
    new: list[Person] = []
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start:start + _CHUNK]
        cached = {(r[0], r[1], r[2]) for r in conn.execute(select(
            PersonKey.township, PersonKey.village, PersonKey.id_hash).where(
            tuple_(PersonKey.township, PersonKey.village, PersonKey.id_hash).in_(chunk)))}
        new.extend(p for p in chunk if p not in cached)
    if new:
        conn.execute(insert(PersonKey), [
            {"township": t, "village": v, "id_hash": who, "generation": derived[(t, v, who)][0],
             "derived": derived[(t, v, who)][1]} for t, v, who in new])
        _renew(conn, new)
    return len(new)


_CHUNK = 500


def _renew(conn: Connection, people: list[Person]) -> None:
    """Give the people's rows in their villages fresh seqs, so they page to its terminals."""
    for model, key in ((Payment, Payment.id), (HouseholdMember, HouseholdMember.id_hash)):
        keys: list[object] = []
        for start in range(0, len(people), _CHUNK):
            chunk = people[start:start + _CHUNK]
            found = conn.execute(select(key).where(
                tuple_(model.township, model.village, model.id_hash).in_(chunk))).scalars()
            keys.extend(dict.fromkeys(found))  # a member's rows are renewed by id_hash
        if not keys:
            continue
        first = take_seqs(conn, len(keys))
        conn.execute(update(model).where(key == bindparam("k")).values(seq=bindparam("s")),
                     [{"k": value, "s": first + offset} for offset, value in enumerate(keys)])


def hash_of_person_key(conn: Connection, township: str, village: str,
                       derived: str) -> str | None:
    """The county ``id_hash`` of the village's person with key ``derived``, or None."""
    return conn.execute(select(PersonKey.id_hash).where(
        PersonKey.township == township, PersonKey.village == village,
        PersonKey.derived == derived)).scalar()


def person_keys_of(conn: Connection, township: str, village: str,
                   hashes: Iterable[str]) -> dict[str, str]:
    """``id_hash`` → derived key for those of ``hashes`` the village has a key for."""
    wanted = list(hashes)
    out: dict[str, str] = {}
    for start in range(0, len(wanted), 900):
        out.update((r[0], r[1]) for r in conn.execute(
            select(PersonKey.id_hash, PersonKey.derived).where(
                PersonKey.township == township, PersonKey.village == village,
                PersonKey.id_hash.in_(wanted[start:start + 900]))))
    return out


def keyed_select(model: type[Payment] | type[HouseholdMember]) -> Select[Any]:
    """``select(model)`` for a village terminal: ``id_hash`` is the person key.

    Joined to ``person_key`` of the row's own village, so a row whose person
    has no key (imported before the village had a derivation) is left out.
    The county hash stays readable as ``county_hash`` (paging, tombstones).
    """
    table = model.__table__
    columns = [PersonKey.derived.label("id_hash") if c.name == "id_hash" else c
               for c in table.columns]
    return (select(*columns, model.id_hash.label("county_hash"))
            .join(PersonKey, and_(PersonKey.township == model.township,
                                  PersonKey.village == model.village,
                                  PersonKey.id_hash == model.id_hash)))


def county_holder(engine: Engine, scope: TerminalScope,
                  sub: ComplaintSubmission) -> ComplaintSubmission:
    """``sub`` with a village terminal's person key replaced by the county ``id_hash``.

    A real-name complaint from a village terminal names its holder by person
    key; the county files it under the hash it matches everything else by.
    A key the county does not know (cannot happen for data it sent) is kept.
    """
    if not scope.person_keys or sub.anonymous or not sub.id_hash:
        return sub
    with engine.connect() as conn:
        found = hash_of_person_key(conn, scope.township, scope.village, sub.id_hash)
    return sub if found is None else sub.model_copy(update={"id_hash": found})


@dataclass(frozen=True)
class VillageKeys:
    """One village's derivation and how many of its payees have a person key."""

    township: str
    village: str
    n: int
    r: int
    p: int
    generation: int
    payees: int
    keyed: int

    @property
    def missing(self) -> int:
        """Payees a village terminal cannot find yet (import a file naming them again)."""
        return self.payees - self.keyed


def village_keys(engine: Engine) -> list[VillageKeys]:
    """Every village with a derivation, with its payees (live payments) keyed and not."""
    payee = (select(Payment.township, Payment.village, Payment.id_hash)
             .where(Payment.deleted.is_(False)).distinct().subquery())
    keyed = (select(payee.c.township, payee.c.village,
                    func.count().label("payees"), func.count(PersonKey.id_hash).label("keyed"))
             .select_from(payee.outerjoin(PersonKey, and_(
                 PersonKey.township == payee.c.township, PersonKey.village == payee.c.village,
                 PersonKey.id_hash == payee.c.id_hash)))
             .group_by(payee.c.township, payee.c.village).subquery())
    query = (select(VillageKdf, keyed.c.payees, keyed.c.keyed)
             .outerjoin(keyed, and_(keyed.c.township == VillageKdf.township,
                                    keyed.c.village == VillageKdf.village))
             .order_by(VillageKdf.township, VillageKdf.village))
    with engine.connect() as conn:
        return [VillageKeys(r.township, r.village, r.n, r.r, r.p, r.generation,
                            int(r.payees or 0), int(r.keyed or 0))
                for r in conn.execute(query)]
