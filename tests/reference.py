"""The suite's reference date: what its clock reads, and the day the demo village is made for.

Every test starts on the clock at :data:`REFERENCE_NOW` (an autouse fixture in
conftest.py moves :mod:`kiosk.clock` there), the demo village is generated for
:data:`REFERENCE_DAY`, and a test that runs a demo command in a subprocess
passes ``--today`` :data:`REFERENCE_DAY`: no test passes or fails by the
calendar. tests/screens/test_reference_dates.py runs the date-sensitive parts at
other dates.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from kiosk import clock

__all__ = ["REFERENCE_AS_OF", "REFERENCE_DAY", "REFERENCE_NOW", "TODAY_ARGS", "system_clock"]

#: The day the suite's clock reads, and the demo village's reference date.
#: ``VILLAGE_KIOSK_TEST_DAY=YYYY-MM-DD make test`` runs the whole suite on another
#: day, to look for a test that still reads the machine's calendar.
REFERENCE_DAY = clock.parse_day(os.environ.get("VILLAGE_KIOSK_TEST_DAY", "2026-11-20"))
#: The instant the suite's clock starts at in every test (10:00 in Beijing).
REFERENCE_NOW: datetime = clock.at_local(REFERENCE_DAY, 10)
#: What the demo data on REFERENCE_DAY is "as of": 20:00 in Beijing the evening before.
REFERENCE_AS_OF: datetime = clock.at_local(REFERENCE_DAY - timedelta(days=1), 20).astimezone(UTC)
#: ``--today`` for demo commands run in a subprocess.
TODAY_ARGS = ("--today", REFERENCE_DAY.isoformat())


@pytest.fixture(name="_reference_clock", autouse=True)
def system_clock() -> Iterator[None]:
    """The system clock instead of the reference one, for a whole test directory.

    A directory whose tests run the county's CLI and servers or the sync
    daemon in other processes imports this into its conftest.py (it overrides
    the suite's autouse ``_reference_clock``). Those processes read the
    system clock, and their timestamps (an enrollment code's expiry, a
    heartbeat's age, a release's validity) meet ones made in this process:
    both must read the same clock. What these tests check does not depend
    on the demo village's dates.
    """
    clock.reset()
    yield
