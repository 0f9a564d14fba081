"""Corrections reach a real terminal: `county payments correct|withdraw`, `county import
revert`, through the real county server and `kiosk syncd --once`, seen with `kiosk lookup`.

The story of issue 13: a 低保 file with ¥7600 typed for ¥760 is imported and
synced; the county corrects it, withdraws a payment never made, imports the
department's corrected file, reverts batches; after each sync the terminal
shows exactly what the county holds, and the history keeps every step.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from county_server.live import LiveServer
from sqlalchemy import Engine, select

from county.cli import main as county
from county.corrections import payment_history
from county.importer import ImportOptions, import_payments
from county.models import Payment
from county.state import lookup_key
from kiosk import clock
from kiosk.identity import id_hash
from syncd.conftest import Terminal
from syncd.enroll import enroll

IMPORTS = Path(__file__).resolve().parents[1] / "data" / "imports"
IDS: dict[str, str] = json.loads((IMPORTS / "expected.json").read_text("utf-8"))["_ids"]
WU, TIAN = IDS["WU"], IDS["TIAN"]


def _sync(terminal: Terminal) -> None:
    done = terminal.run("syncd", "--once")
    assert done.returncode == 0, done.stderr[-2000:]


def _april(terminal: Terminal, number: str) -> list[tuple[int, int]]:
    """(payment id, fen) of the person's 2025年4月 低保 as `kiosk lookup --json` shows it."""
    done = terminal.run("lookup", number, "--json")
    assert done.returncode == 0, done.stderr
    return [(p["payment_id"], p["amount_fen"]) for year in json.loads(done.stdout)["years"]
            for p in year["payments"] if p["period"] == "2025年4月" and p["item_code"] == "DIBAO"]


def _payment_id(engine: Engine, number: str) -> int:
    with engine.connect() as conn:
        who = id_hash(lookup_key(conn), number)
        return int(conn.execute(select(Payment.id).where(Payment.id_hash == who,
                                                         Payment.period == "2025年4月")
                                ).scalar_one())


def _county(capsys: pytest.CaptureFixture[str], engine: Engine, *argv: str) -> tuple[int, Any]:
    code = county([*argv, "--db", str(engine.url), "--by", "县民政局 张晓红"])
    out, err = capsys.readouterr()
    return code, (out + err)


def test_correct_and_withdraw_reach_the_terminal(county: LiveServer, county_engine: Engine,
                                                 terminal: Terminal,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    enroll(terminal, county_engine, county.url)
    wrong = import_payments(county_engine, IMPORTS / "低保-2025年4月-误.csv", ImportOptions(),
                            now=clock.now())
    assert wrong.new == 2
    _sync(terminal)
    wu = _payment_id(county_engine, WU)
    assert _april(terminal, WU) == [(wu, 760000)]  # the villager sees ¥7600: wrong

    code, said = _county(capsys, county_engine, "payments", "correct", str(wu), "--amount",
                         "760", "--reason", "录入错误，应为760元")
    assert code == 0, said
    _sync(terminal)
    assert _april(terminal, WU) == [(wu, 76000)]  # the same payment, now ¥760

    tian = _payment_id(county_engine, TIAN)
    code, said = _county(capsys, county_engine, "payments", "withdraw", str(tian), "--reason",
                         "当月未发放，误报")
    assert code == 0, said
    _sync(terminal)
    assert _april(terminal, TIAN) == []  # a tombstone: no money that was never paid

    history = payment_history(county_engine, wu)
    assert [(h.action, h.actor, h.reason, h.before, h.after) for h in history] == [
        ("correct", "县民政局 张晓红", "录入错误，应为760元", {"amount_fen": 760000},
         {"amount_fen": 76000})]
    assert [h.after for h in payment_history(county_engine, tian)] == [{"deleted": True}]
    code, said = _county(capsys, county_engine, "payments", "withdraw", str(tian), "--reason",
                         "再来一次")
    assert code == 1 and "已经撤销过了" in said
    # Re-importing the wrong file neither doubles ¥760 nor brings the withdrawn one back.
    again = import_payments(county_engine, IMPORTS / "低保-2025年4月-误.csv", ImportOptions(),
                            now=clock.now())
    assert (again.new, again.superseded, again.withdrawn_before) == (0, 1, 1)


def test_revert_reaches_the_terminal_and_refuses_under_a_later_batch(
        county: LiveServer, county_engine: Engine, terminal: Terminal,
        capsys: pytest.CaptureFixture[str]) -> None:
    enroll(terminal, county_engine, county.url)
    first = import_payments(county_engine, IMPORTS / "低保-2025年4月-误.csv", ImportOptions(),
                            now=clock.now())
    second = import_payments(county_engine, IMPORTS / "低保-2025年4月-更正.csv",
                             ImportOptions(), now=clock.now())
    assert (second.superseded, second.new) == (1, 0)
    _sync(terminal)
    wu = _payment_id(county_engine, WU)
    assert _april(terminal, WU) == [(wu, 76000)]

    code, said = _county(capsys, county_engine, "import", "revert", str(first.batch),
                         "--reason", "整批导错")
    assert code == 1
    assert f"第 {first.batch} 批之后的导入又更正了其中的付款：付款 {wu}（第 {second.batch} 批）" \
        in said and "请先撤销后来的批次" in said
    _sync(terminal)
    assert _april(terminal, WU) == [(wu, 76000)]  # nothing changed

    code, said = _county(capsys, county_engine, "import", "revert", str(second.batch),
                         "--reason", "更正文件发错了")
    assert code == 0 and "0 payments withdrawn, 1 restored" in said, said
    _sync(terminal)
    assert _april(terminal, WU) == [(wu, 760000)]  # back to what batch 1 said

    code, said = _county(capsys, county_engine, "import", "revert", str(first.batch),
                         "--reason", "整批导错")
    assert code == 0 and "2 payments withdrawn" in said
    _sync(terminal)
    assert _april(terminal, WU) == [] and _april(terminal, TIAN) == []
    assert [h.action for h in payment_history(county_engine, wu)] == [
        "supersede", "revert", "revert"]
    code, said = _county(capsys, county_engine, "import", "revert", str(first.batch),
                         "--reason", "again")
    assert code == 1 and "已于" in said
    # After a revert the file can be imported again (the revert freed its rows).
    assert import_payments(county_engine, IMPORTS / "低保-2025年4月-更正.csv",
                           ImportOptions(), now=clock.now()).new == 2
