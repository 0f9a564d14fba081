"""Village projects as `kiosk projects` and the screens read them (issue 17), on the demo
village's store: the documented JSON, the text, the stage images, a damaged body."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

from demo.projects import generate_projects
from demo.village import DemoVillage
from kiosk.cli.main import main
from kiosk.ledger import voucher_path
from kiosk.projects import read_projects
from kiosk.store import write_connection
from kiosk.store.project_models import VillageProject

ID_NUMBER = re.compile(r"[1-9]\d{5}(19|20)\d{2}[01]\d[0-3]\d{4}[0-9Xx]")


def test_demo_projects_with_their_timelines(seeded_db: Path, seeded_engine: Engine,
                                            demo_village: DemoVillage) -> None:
    demo = generate_projects(demo_village.today)
    shown = read_projects(seeded_engine)
    assert [p.name for p in shown] == [p.name for p in demo]
    road = shown[0]
    assert [s.stage for s in road.stages] == ["approval", "budget", "bidding", "contract",
                                              "progress", "acceptance", "final"]
    assert road.amount_of("budget") == 38_600_000 and road.amount_of("final") == 34_926_050
    assert road.latest is not None and road.latest.label == "竣工决算"
    water = shown[1]
    assert water.latest is not None and water.latest.stage == "progress"
    assert water.amount_of("final") is None
    path = voucher_path(seeded_db, road.stages[0].image_sha256)
    assert path is not None and path.read_bytes() == demo[0].stages[0].image


def test_cli_json_and_text(seeded_db: Path, seeded_engine: Engine,
                           capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["projects", "--json", "--db", str(seeded_db)]) == 0
    out = capsys.readouterr().out
    shown = json.loads(out)["projects"]
    assert [p["code"] for p in shown] == ["QS-2026-01", "QS-2026-02"]
    road = shown[0]
    assert road["budget_fen"] == 38_600_000 and road["final_fen"] == 34_926_050
    assert road["stage"] == "final"
    assert road["stages"][2] == {
        "stage": "bidding", "label": "招标结果", "date": road["stages"][2]["date"],
        "amount_fen": 35_280_000, "who": "湘南路桥建设有限公司",
        "note": "镇公共资源交易平台公开招标，3家投标，结果公示3天无异议", "has_image": False}
    assert road["stages"][0]["has_image"] is True
    assert not ID_NUMBER.search(out)
    assert main(["projects", "--db", str(seeded_db)]) == 0
    text = capsys.readouterr().out
    assert "村道硬化" in text and "预算 ¥386,000.00" in text and "招标结果" in text
    assert "[有图片]" in text


def test_a_damaged_body_shows_what_it_can(seeded_engine: Engine) -> None:
    now = datetime.now(UTC)
    with write_connection(seeded_engine) as conn:
        conn.execute(insert(VillageProject), [
            {"id": 90, "code": "X", "name": "坏数据", "position": 9, "body": "not json",
             "updated_at": now},
            {"id": 91, "code": "Y", "name": "半坏", "position": 10, "updated_at": now,
             "body": json.dumps({"stages": [
                 {"stage": "budget", "date": "2026-13-01", "amount_fen": 5},
                 {"stage": "newkind", "date": "2026-02-01", "amount_fen": "many", "who": 3},
                 "oops"]})}])
    shown = {p.name: p for p in read_projects(seeded_engine)}
    assert shown["坏数据"].stages == ()
    (stage,) = shown["半坏"].stages
    assert (stage.label, stage.amount_fen, stage.who) == ("newkind", None, "")
