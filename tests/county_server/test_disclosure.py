"""Public rolls and the micro-power list at the county, on SQLite and PostgreSQL (issue 17):
which payments are on a village's roll and until when, what a refresh changes, the
refresh done at most once per day and change, the power file's import and its refusals,
and the commands."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from reference import REFERENCE_DAY
from sqlalchemy import Engine, select

from county.cli import main as county_main
from county.corrections import withdraw_payment
from county.disclosure.models import RollEntry
from county.disclosure.powers import PowerFileError, list_powers, publish_powers
from county.disclosure.rolls import (
    NameSource,
    disclosure_end,
    names_from,
    refresh_if_due,
    refresh_rolls,
    set_disclosure,
)
from county.models import Payment
from county.tx import writing
from demo.disclosure import powers_json
from demo.village import DEMO_LOOKUP_KEY, DemoVillage
from kiosk.identity import id_hash

NOW = datetime.now(UTC)


def _names(village: DemoVillage) -> NameSource:
    return names_from((id_hash(DEMO_LOOKUP_KEY, p.id_number), p.name) for p in village.people)


def _live(engine: Engine) -> dict[int, Any]:
    with engine.connect() as conn:
        return {r.id: r for r in conn.execute(select(RollEntry).where(
            RollEntry.deleted.is_(False)))}


@pytest.mark.parametrize(("paid", "days", "months", "last"), [
    (date(2026, 1, 31), 0, 1, date(2026, 2, 28)),   # the month's last day
    (date(2024, 1, 31), 0, 1, date(2024, 2, 29)),   # a leap year
    (date(2026, 11, 12), 20, 1, date(2027, 1, 1)),  # across the year
    (date(2026, 3, 5), 30, 0, date(2026, 4, 4)),
])
def test_disclosure_end(paid: date, days: int, months: int, last: date) -> None:
    assert disclosure_end(paid, days=days, months=months) == last


def test_a_roll_follows_the_payments_the_setting_and_the_calendar(
        seeded_engine: Engine, demo_village: DemoVillage) -> None:
    names = _names(demo_village)
    set_disclosure(seeded_engine, "DIBAO", public=True, days=45, now=NOW)
    with seeded_engine.connect() as conn:
        expected = set(conn.execute(select(Payment.id).where(
            Payment.item_code == "DIBAO", Payment.status == "paid",
            Payment.paid_on >= REFERENCE_DAY - timedelta(days=45),
            Payment.paid_on <= REFERENCE_DAY)).scalars())
    assert expected
    with writing(seeded_engine) as conn:
        first = refresh_rolls(conn, today=REFERENCE_DAY, now=NOW, names=names)
    live = _live(seeded_engine)
    assert set(live) == expected and first.added == len(expected)
    people = {p.name for p in demo_village.people}
    assert all(r.name in people and r.village == "青山村" for r in live.values())
    with writing(seeded_engine) as conn:  # nothing changed: nothing to send
        assert refresh_rolls(conn, today=REFERENCE_DAY, now=NOW, names=names).added == 0

    gone = min(expected)
    withdraw_payment(seeded_engine, gone, reason="重复发放", actor="test", now=NOW)
    with writing(seeded_engine) as conn:
        result = refresh_rolls(conn, today=REFERENCE_DAY, now=NOW, names=names)
    assert (result.added, result.changed, result.removed) == (0, 0, 1)
    with seeded_engine.connect() as conn:
        tomb = conn.execute(select(RollEntry).where(RollEntry.id == gone)).one()
    assert tomb.deleted and tomb.name == ""  # a tombstone keeps no name

    last = max(r.public_until for r in live.values())
    with writing(seeded_engine) as conn:
        refresh_rolls(conn, today=last, now=NOW, names=names)
    assert _live(seeded_engine)  # the last day still shows
    with writing(seeded_engine) as conn:
        refresh_rolls(conn, today=last + timedelta(days=1), now=NOW, names=names)
    assert _live(seeded_engine) == {}


def test_the_server_refresh_runs_once_per_day_and_change(
        seeded_engine: Engine, demo_village: DemoVillage) -> None:
    names = _names(demo_village)
    set_disclosure(seeded_engine, "DIBAO", public=True, months=2, now=NOW)
    first = refresh_if_due(seeded_engine, today=REFERENCE_DAY, now=NOW, names=names)
    assert first is not None and first.added > 0
    assert refresh_if_due(seeded_engine, today=REFERENCE_DAY, now=NOW, names=names) is None
    set_disclosure(seeded_engine, "DIBAO", public=False, now=NOW)  # a change: due again
    done = refresh_if_due(seeded_engine, today=REFERENCE_DAY, now=NOW, names=names)
    assert done is not None and done.removed > 0 and _live(seeded_engine) == {}
    tomorrow = REFERENCE_DAY + timedelta(days=1)
    assert refresh_if_due(seeded_engine, today=tomorrow, now=NOW, names=names) is not None


def test_the_power_list_is_replaced_whole_and_a_bad_file_refused(seeded_engine: Engine) -> None:
    assert publish_powers(seeded_engine, powers_json(), now=NOW)["added"] == 4
    assert publish_powers(seeded_engine, powers_json(), now=NOW)["unchanged"] == 4
    data = json.loads(powers_json())
    data["powers"] = data["powers"][1:]
    data["powers"][0]["name"] = "宅基地审批（新）"
    counts = publish_powers(seeded_engine, json.dumps(data).encode(), now=NOW)
    # One withdrawn; the rest move up a place (one renamed too): each sent again.
    assert (counts["withdrawn"], counts["changed"], counts["added"]) == (1, 3, 0)
    assert [p.code for p in list_powers(seeded_engine)] == ["ZHAIJIDI", "GONGCHENG", "ZICHAN"]
    data["powers"][0]["steps"] = []
    with pytest.raises(PowerFileError, match=r"powers\.0\.steps"):
        publish_powers(seeded_engine, json.dumps(data).encode(), now=NOW)
    with pytest.raises(PowerFileError):
        publish_powers(seeded_engine, b"\xff not json", now=NOW)


def _county(*args: str, db: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = county_main([*args, "--db", db])
    return code, out.getvalue(), err.getvalue()


def test_the_commands(seeded_url: str, seeded_engine: Engine, tmp_path: Path) -> None:
    code, out, err = _county("item", "disclose", "dibao", "--months", "2", db=seeded_url)
    assert code == 0, err
    code, out, _ = _county("item", "disclosures", "--json", db=seeded_url)
    assert json.loads(out) == [{"item_code": "DIBAO", "item_name": "农村最低生活保障金",
                                "public": True, "period_days": 0, "period_months": 2}]
    code, _, err = _county("item", "disclose", "NOPE", "--days", "3", db=seeded_url)
    assert code != 0 and "NOPE" in err
    code, _, err = _county("item", "disclose", "DIBAO", db=seeded_url)
    assert code != 0 and "--days" in err
    (tmp_path / "powers.json").write_bytes(powers_json())
    code, out, err = _county("powers", "import", str(tmp_path / "powers.json"), "--json",
                             db=seeded_url)
    assert code == 0 and json.loads(out)["added"] == 4, err
    code, _, err = _county("powers", "import", str(tmp_path / "missing.json"), db=seeded_url)
    assert code != 0 and "missing.json" in err
