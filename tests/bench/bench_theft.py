"""Benchmark: what a stolen terminal's disk costs an attacker, per candidate ID number.

Issue 12, first finding: a terminal holds the county's lookup key and the
HMAC of every person's ID number. An ID number has little entropy — the
6-digit area code (known for a village), a birth date, a 3-digit sequence,
and a check digit that follows from the rest — so an attacker enumerates
candidates and compares hashes. This measures, in the same run:

- the county/township terminals' scheme: ``kiosk.identity.id_hash``
  (HMAC-SHA256 with the county key, which such a terminal holds) per candidate;
- the scheme deployed on village terminals: ``kiosk.person_key.derive_person_key``
  (scrypt, per-village salt) at the county's default cost
  (``county.person_keys.DEFAULT_N/R/P``) — one candidate costs what one card
  read costs the terminal;
- for reference, the scrypt N that takes ~100 ms on this machine;

and prints the time to sweep every candidate of one village (births
1920–2025, sequence 000–999) on one core under each.

Run: ``.venv/bin/python tests/bench/bench_theft.py [--seconds S]``. Prints
figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from county.person_keys import DEFAULT_N, DEFAULT_P, DEFAULT_R
from kiosk.identity import check_digit, id_hash
from kiosk.lookup import BenefitLookup
from kiosk.person_key import PersonKdf, derive_person_key
from kiosk.store import open_store

KEY = b"a county lookup key, 32 bytes..."
SALT = b"per-village salt: 431226-qingshan"
#: Candidates per village: every birth date 1920-01-01 … 2025-12-31 × 1 000 sequences.
CANDIDATES = (date(2025, 12, 31) - date(1920, 1, 1)).days * 1000


def _candidates() -> list[str]:
    out = []
    for seq in range(1000):
        first17 = f"43122619560322{seq:03d}"
        out.append(first17 + check_digit(first17))
    return out


def _rate(fn: Callable[[str], object], numbers: list[str], seconds: float) -> float:
    """Candidates per second of ``fn`` on one core, measured for about ``seconds``."""
    done, start = 0, time.perf_counter()
    while True:
        for number in numbers:
            fn(number)
            done += 1
            if done % 64 == 0 and time.perf_counter() - start >= seconds:
                return done / (time.perf_counter() - start)


def _tune_scrypt(target_s: float) -> int:
    """The scrypt N (power of two, r=8, p=1) whose one derivation takes ~``target_s``."""
    n = 1 << 10
    while True:
        t0 = time.perf_counter()
        hashlib.scrypt(b"43122619560322079X", salt=SALT, n=n, r=8, p=1, maxmem=1 << 30)
        if time.perf_counter() - t0 >= target_s or n >= 1 << 20:
            return n
        n <<= 1


def _days(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:,.1f} s"
    if seconds < 7200:
        return f"{seconds / 60:,.1f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:,.1f} h"
    return f"{seconds / 86400:,.0f} days"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="measuring time per scheme")
    parser.add_argument("--target-ms", type=float, default=100.0,
                        help="scrypt cost per lookup to tune for (default 100 ms)")
    args = parser.parse_args()
    numbers = _candidates()
    hmac_rate = _rate(lambda n: id_hash(KEY, n), numbers, args.seconds)
    deployed = PersonKdf(SALT, DEFAULT_N, DEFAULT_R, DEFAULT_P)
    deployed_rate = _rate(lambda v: derive_person_key(deployed, v), numbers, args.seconds)
    n = _tune_scrypt(args.target_ms / 1000)
    scrypt_rate = _rate(lambda v: hashlib.scrypt(v.encode(), salt=SALT, n=n, r=8, p=1,
                                                 maxmem=1 << 30), numbers, args.seconds)
    print(f"candidates per village (births 1920–2025 × 1 000 sequences): {CANDIDATES:,}")
    print(f"today, HMAC-SHA256 (id_hash): {1e6 / hmac_rate:,.2f} µs per candidate → one "
          f"village swept in {_days(CANDIDATES / hmac_rate)} on one core")
    print(f"deployed (village terminals): scrypt N=2^{DEFAULT_N.bit_length() - 1}, "
          f"r={DEFAULT_R}, p={DEFAULT_P}, per-village salt: {1e3 / deployed_rate:,.0f} ms "
          f"per candidate (= one card read on this machine) → one village swept in "
          f"{_days(CANDIDATES / deployed_rate)} on one core; "
          f"×{hmac_rate / deployed_rate:,.0f} the HMAC cost")
    print(f"reference, scrypt tuned to {args.target_ms:.0f} ms here: N=2^{n.bit_length() - 1}, "
          f"r=8, p=1: "
          f"{1e3 / scrypt_rate:,.0f} ms per candidate → one "
          f"village swept in {_days(CANDIDATES / scrypt_rate)} on one core; "
          f"×{hmac_rate / scrypt_rate:,.0f} the HMAC cost")
    card_ms = _card_read_ms(deployed, numbers[:10])
    print(f"card read on a village terminal (BenefitLookup.lookup, derivation + query): "
          f"{card_ms:,.0f} ms median of 10 cards (budget: benefits on screen < 300 ms after the "
          f"read; the query alone: tests/bench/bench_lookup.py)")
    return 0


def _card_read_ms(kdf: PersonKdf, numbers: list[str]) -> float:
    """Median ms of ``BenefitLookup.lookup`` with ``kdf`` on a fresh cache file, one card
    (number) a read: the lookup remembers only the last holder's key."""
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_store(Path(tmp) / "kiosk.db")
        lookup = BenefitLookup(engine, kdf)
        try:
            times = []
            for number in numbers:
                t0 = time.perf_counter()
                lookup.lookup(number)
                times.append((time.perf_counter() - t0) * 1e3)
        finally:
            lookup.close()
            engine.dispose()
    return statistics.median(times)


if __name__ == "__main__":
    sys.exit(main())
