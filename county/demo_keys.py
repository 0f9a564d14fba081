"""Person keys for the demo village, so a village terminal finds the demo people.

`county seed-demo` writes the demo people directly (no import runs), so it
derives their person keys itself. The demo village's derivation is cheap
(N=2^10: a few ms) to keep seeding quick; it is the demo, not a real county,
and a real village gets the county's default cost (county/person_keys.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from county.person_keys import compute_missing, ensure_village_kdf, store_person_keys
from county.tx import writing
from kiosk.demo_data import DEMO_LOOKUP_KEY, DemoVillage, generate_village
from kiosk.identity import id_hash

__all__ = ["DEMO_COST", "seed_demo_person_keys"]

#: scrypt (N, r, p) of the demo village.
DEMO_COST = (1 << 10, 8, 1)


def seed_demo_person_keys(engine: Engine, *, now: datetime,
                          village: DemoVillage | None = None) -> int:
    """Give the demo village a derivation and its people their keys; return keys added."""
    v = village or generate_village()
    with writing(engine) as conn:
        kdf = ensure_village_kdf(conn, v.township, v.village, now=now, cost=DEMO_COST)
    people = {(v.township, v.village, id_hash(DEMO_LOOKUP_KEY, p.id_number)): p.id_number
              for p in v.people}
    derived = compute_missing(engine, people, {(v.township, v.village): kdf})
    with writing(engine) as conn:
        return store_person_keys(conn, derived)
