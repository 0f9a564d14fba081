"""Corrections on both databases: correct, withdraw, supersede, revert, and their history."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from county.corrections import (
    CorrectionNotFound,
    CorrectionRefused,
    correct_payment,
    list_batches,
    payment_history,
    revert_batch,
    withdraw_payment,
)
from county.db import open_county_db
from county.importer import ImportOptions, import_payments
from county.models import Payment
from county.seq import current_seq
from kiosk import clock

IMPORTS = Path(__file__).resolve().parents[1] / "data" / "imports"
WRONG, FIXED = IMPORTS / "低保-2025年4月-误.csv", IMPORTS / "低保-2025年4月-更正.csv"


@pytest.fixture
def engine(county_url: str) -> Iterator[Engine]:
    eng = open_county_db(county_url)
    yield eng
    eng.dispose()


def _rows(engine: Engine) -> list[tuple[int, int, bool]]:
    with engine.connect() as conn:
        return [tuple(r) for r in conn.execute(  # type: ignore[misc]
            select(Payment.id, Payment.amount_fen, Payment.deleted).order_by(Payment.id))]


def test_correct_and_withdraw_keep_history_and_move_the_seq(engine: Engine) -> None:
    import_payments(engine, WRONG, ImportOptions(), now=clock.now())
    (wu, _, _), (tian, _, _) = _rows(engine)
    with engine.connect() as conn:
        before = current_seq(conn)
    entry = correct_payment(engine, wu, amount_fen=76000, reason="应为760元", actor="张",
                            now=clock.now())
    assert (entry.action, entry.before, entry.after) == ("correct", {"amount_fen": 760000},
                                                         {"amount_fen": 76000})
    withdraw_payment(engine, tian, reason="误报", actor="李", now=clock.now())
    assert _rows(engine) == [(wu, 76000, False), (tian, 114000, True)]
    with engine.connect() as conn:
        seqs = dict(conn.execute(select(Payment.id, Payment.seq)).all())
    assert sorted(seqs.values()) == [before + 1, before + 2]  # both travel as changes
    with pytest.raises(CorrectionRefused, match="必须写明原因"):
        correct_payment(engine, wu, amount_fen=1, reason=" ", actor="张", now=clock.now())
    with pytest.raises(CorrectionRefused, match="没有要改的内容"):
        correct_payment(engine, wu, amount_fen=76000, reason="x", actor="张", now=clock.now())
    with pytest.raises(CorrectionRefused, match="已撤销"):
        correct_payment(engine, tian, amount_fen=1, reason="x", actor="张", now=clock.now())
    with pytest.raises(CorrectionNotFound):
        withdraw_payment(engine, 999999, reason="x", actor="张", now=clock.now())
    assert [h.reason for h in payment_history(engine, tian)] == ["误报"]


def test_revert_refuses_to_undo_a_hand_correction_of_what_it_superseded(engine: Engine) -> None:
    import_payments(engine, WRONG, ImportOptions(), now=clock.now())
    fixed = import_payments(engine, FIXED, ImportOptions(), now=clock.now())
    assert fixed.batch is not None
    wu = _rows(engine)[0][0]
    correct_payment(engine, wu, amount_fen=77000, reason="再次核实", actor="张", now=clock.now())
    with pytest.raises(CorrectionRefused, match="人工更正"):
        revert_batch(engine, fixed.batch, reason="x", actor="张", now=clock.now())
    assert _rows(engine)[0][1] == 77000
    assert [b.reverted_at for b in list_batches(engine)] == [None, None]


def test_revert_of_a_batch_withdraws_its_rows(engine: Engine) -> None:
    first = import_payments(engine, WRONG, ImportOptions(), now=clock.now())
    assert first.batch is not None
    done = revert_batch(engine, first.batch, reason="整批导错", actor="张", now=clock.now())
    assert (done.withdrawn, done.restored) == (2, 0)
    assert all(deleted for _, _, deleted in _rows(engine))
    batch = list_batches(engine)[0]
    assert (batch.reverted_by, batch.revert_reason) == ("张", "整批导错")
    history = payment_history(engine, _rows(engine)[0][0])
    assert [(h.action, h.batch_id, json.dumps(h.after)) for h in history] == [
        ("revert", first.batch, '{"deleted": true}')]
