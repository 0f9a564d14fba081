"""The log filter: ID numbers that slip into a message or a traceback come out masked."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.logs import redact, setup_logging

NUMBER = "43122619560322079X"


def test_messages_and_tracebacks_are_masked(tmp_path: Path) -> None:
    log_file = tmp_path / "kiosk.log"
    setup_logging("INFO", log_file)
    try:
        log = logging.getLogger("test.logs")
        log.info("card read: %s", NUMBER.lower())
        try:
            raise ValueError(f"bad card {NUMBER}")
        except ValueError:
            log.exception("lookup failed")
    finally:
        for handler in logging.getLogger().handlers:
            handler.close()
        logging.getLogger().handlers.clear()
    text = log_file.read_text(encoding="utf-8")
    assert NUMBER not in text and NUMBER.lower() not in text
    assert text.count("4312**********079X") == 2  # the message and the exception text


def test_hashes_and_longer_digit_runs_are_left_alone() -> None:
    digest = "ab" + "1" * 18 + "cd"  # hex: an id_hash, not an ID number
    assert redact(digest) == digest
    assert redact("1" * 19) == "1" * 19
    assert redact(f"id={NUMBER};") == "id=4312**********079X;"
