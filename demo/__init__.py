"""The demo village: invented people, payments, notices and complaints, and what loads them.

Fixtures for the demo (``kiosk demo``, ``kiosk tour``, ``kiosk db seed-demo``,
``county seed-demo``) and for the tests, kept out of the production core:
``demo/`` may import ``kiosk/``, never the reverse (tests/test_layering.py).

- :mod:`.village` generates the deterministic village (pure data, no I/O).
- :mod:`.notices` dates its notices and answered complaints relative to today.
- :mod:`.store` writes a village into the terminal's SQLite cache.
- :mod:`.terminal` sets a terminal up with it (demo enrollment, cache, card profiles).
- :mod:`.cli` registers ``kiosk db seed-demo`` (an entry point, see pyproject.toml).
"""
