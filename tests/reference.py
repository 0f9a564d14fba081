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
from datetime import datetime

from kiosk import clock

__all__ = ["REFERENCE_DAY", "REFERENCE_NOW", "TODAY_ARGS"]

#: The day the suite's clock reads, and the demo village's reference date.
#: ``VILLAGE_KIOSK_TEST_DAY=YYYY-MM-DD make test`` runs the whole suite on another
#: day, to look for a test that still reads the machine's calendar.
REFERENCE_DAY = clock.parse_day(os.environ.get("VILLAGE_KIOSK_TEST_DAY", "2026-11-20"))
#: The instant the suite's clock starts at in every test (10:00 in Beijing).
REFERENCE_NOW: datetime = clock.at_local(REFERENCE_DAY, 10)
#: ``--today`` for demo commands run in a subprocess.
TODAY_ARGS = ("--today", REFERENCE_DAY.isoformat())
