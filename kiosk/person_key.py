"""The village person key: a slow, salted derivation of an ID number (issue 12).

A village-scoped terminal never holds the county's lookup key. The county
derives, for each person of the village, ``scrypt(normalised ID, salt, N, r, p)``
with the village's own salt, and sends that (as ``id_hash`` on the wire, the
same 64 hex characters) together with the salt and parameters. The terminal
derives once per card read and looks the result up.

Why scrypt (``hashlib.scrypt``, OpenSSL): it is in the standard library on
both sides (no native wheel to ship to every panel PC), it is memory-hard
(an attacker's GPU pays 128·N·r bytes per guess), and its one cost knob maps
straight onto "about 100 ms on the terminal". Argon2id would serve as well;
it would add argon2-cffi to the terminal's dependencies for no gain here.

What it buys: an ID number has ~2·10⁷ candidates for one village (birth
dates × 1 000 sequences); at ~100 ms each that is weeks of CPU per village,
instead of a minute with the HMAC (tests/bench/bench_theft.py prints both).
A per-village salt makes that work count for one village only.

Pure functions, no I/O; nothing here logs.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from dataclasses import dataclass
from typing import Any

from kiosk.identity import normalise_id

__all__ = ["SCHEME", "PersonKdf", "PersonKdfError", "derive_person_key", "scrypt_memory"]

SCHEME = "scrypt"
#: Bounds a terminal accepts from the county (a hostile server must not make a card read
#: take minutes or gigabytes): N a power of two in 2..2^20, r 1..32, p 1..4.
_MAX_N, _MAX_R, _MAX_P = 1 << 20, 32, 4


class PersonKdfError(ValueError):
    """Derivation parameters that are missing, malformed or out of bounds."""

    code = "person_key.invalid"


def scrypt_memory(n: int, r: int) -> int:
    """Bytes scrypt needs for ``n`` and ``r`` (128·N·r), the ``maxmem`` to pass."""
    return 128 * n * r


@dataclass(frozen=True)
class PersonKdf:
    """One village's derivation: salt and scrypt cost, and its generation.

    ``generation`` grows when the county rotates the village's salt; every
    derived key of the village changes with it.
    """

    salt: bytes
    n: int
    r: int
    p: int
    generation: int = 1
    scheme: str = SCHEME

    def __post_init__(self) -> None:
        if self.scheme != SCHEME:
            raise PersonKdfError(f"unknown person key scheme {self.scheme!r}")
        if len(self.salt) < 16:
            raise PersonKdfError("salt shorter than 16 bytes")
        if self.n < 2 or self.n > _MAX_N or self.n & (self.n - 1):
            raise PersonKdfError(f"n must be a power of two in 2..{_MAX_N}")
        if not 1 <= self.r <= _MAX_R or not 1 <= self.p <= _MAX_P:
            raise PersonKdfError(f"r must be in 1..{_MAX_R} and p in 1..{_MAX_P}")
        if self.generation < 1:
            raise PersonKdfError("generation must be ≥ 1")

    def to_json(self) -> dict[str, Any]:
        """The wire / file form (salt in base64)."""
        return {"scheme": self.scheme, "salt": base64.b64encode(self.salt).decode("ascii"),
                "n": self.n, "r": self.r, "p": self.p, "generation": self.generation}

    @classmethod
    def from_json(cls, data: object) -> PersonKdf:
        """Parse :meth:`to_json`'s form; raises :class:`PersonKdfError`."""
        if not isinstance(data, dict):
            raise PersonKdfError("expected an object")
        try:
            salt = base64.b64decode(str(data["salt"]), validate=True)
            values = {k: data[k] for k in ("n", "r", "p", "generation")}
        except (KeyError, binascii.Error) as exc:
            raise PersonKdfError(f"missing or bad field: {exc}") from None
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in values.values()):
            raise PersonKdfError("n, r, p and generation must be integers")
        return cls(salt, values["n"], values["r"], values["p"], values["generation"],
                   str(data.get("scheme", SCHEME)))


def derive_person_key(kdf: PersonKdf, number: str) -> str:
    """``scrypt(normalised number, salt, N, r, p)`` as 64 lower-case hex characters.

    Costs one full derivation (~100 ms at the deployed parameters) on the
    caller's thread. ``number`` is normalised, not validated.
    """
    return hashlib.scrypt(normalise_id(number).encode("ascii", "replace"), salt=kdf.salt,
                          n=kdf.n, r=kdf.r, p=kdf.p, maxmem=scrypt_memory(kdf.n, kdf.r) + (1 << 20),
                          dklen=32).hex()
