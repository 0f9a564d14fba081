"""Console passwords are hashed at argon2-cffi's default cost outside the test suite, and a
hash made at another cost is renewed at the next login (county/console/accounts.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from argon2 import PasswordHasher, extract_parameters, profiles
from sqlalchemy import select, update

from county.console.accounts import CHEAP_HASHING_FOR_TESTS, add_user, log_in
from county.console.models import ConsoleUser
from county.db import open_county_db

_PROBE = """
import json
from argon2 import extract_parameters
from county.console import accounts
p = extract_parameters(accounts._hasher.hash("a password"))
print(json.dumps([p.time_cost, p.memory_cost, p.parallelism]))
"""


def _cost_in_child(env: dict[str, str]) -> list[int]:
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    return list(json.loads(done.stdout))


def test_the_real_cost_unless_the_suite_asks_for_the_cheapest() -> None:
    real = {k: v for k, v in os.environ.items() if k != CHEAP_HASHING_FOR_TESTS}
    default = PasswordHasher()
    assert _cost_in_child(real) == [default.time_cost, default.memory_cost,
                                    default.parallelism]
    assert default.memory_cost >= 64 * 1024  # KiB: RFC 9106's low-memory profile
    cheap = profiles.CHEAPEST
    assert _cost_in_child({**real, CHEAP_HASHING_FOR_TESTS: "1"}) == [
        cheap.time_cost, cheap.memory_cost, cheap.parallelism]


def test_a_hash_of_another_cost_is_renewed_at_login(tmp_path: Path) -> None:
    engine = open_county_db(f"sqlite:///{tmp_path / 'county.db'}")
    now = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    add_user(engine, "clerk1", role="viewer", password="a long password", now=now, actor="it")
    older = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    with engine.begin() as conn:
        conn.execute(update(ConsoleUser).values(
            password_hash=older.hash("a long password")))
    log_in(engine, "clerk1", "a long password", address="127.0.0.1", now=now)
    with engine.connect() as conn:
        stored = conn.execute(select(ConsoleUser.password_hash)).scalar_one()
    # The suite's own hasher (cheapest) renewed it: any hasher renews what is not its cost.
    assert extract_parameters(stored) != extract_parameters(older.hash("x"))
    engine.dispose()
