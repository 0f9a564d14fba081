"""`county import FILE --kind projects`: a clerk's project XLSX (merged names, a 合计 row),
bad rows with reasons, a correction replacing, a removed project withdrawn, stage images
through the ledger's image pipeline (issue 17). On the real county database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ledger.ledger_files import receipt_png
from ledger.project_files import ROAD, WATER, projects_xlsx
from sqlalchemy import Engine, select

from county.db import open_county_db
from county.ledger.models import LedgerImage
from county.projects.models import VillageProject
from county.projects.store import import_projects
from sync.protocol.projects import ProjectBody

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
def engine(county_url: str) -> Iterator[Engine]:
    engine = open_county_db(county_url)
    yield engine
    engine.dispose()


def _projects(engine: Engine, *, deleted: bool = False) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(VillageProject).where(
            VillageProject.deleted.is_(deleted)).order_by(VillageProject.position)).all())


def test_messy_xlsx_imports_projects_with_stages(engine: Engine, tmp_path: Path) -> None:
    receipt_png(tmp_path / "approval.png", text="Approval 2026-03")
    path = projects_xlsx(tmp_path / "青山村工程.xlsx", ROAD + WATER, total="1,000")
    result = import_projects(engine, path, village="青山村", township="高村镇", now=NOW)
    assert result.problems == [] and result.stored, result.as_json()
    assert result.projects == ["村道硬化", "饮水工程"] and result.stages == 9
    assert (result.added, result.changed, result.withdrawn, result.images) == (2, 0, 0, 1)
    assert any("合计行" in n for n in result.notes) and any("表尾" in n for n in result.notes)
    road, water = _projects(engine)
    assert (road.code, road.name, water.code) == ("CJ-2026-01", "村道硬化", "CJ-2026-02")
    stages = ProjectBody.model_validate_json(road.body).stages
    assert [s.stage for s in stages] == ["approval", "budget", "bidding", "contract",
                                         "progress", "acceptance", "final"]
    assert [s.amount_fen for s in stages] == [None, 38_600_000, 35_280_000, 35_280_000,
                                              17_640_000, None, 34_926_050]
    assert stages[2].who == "湘南路桥建设有限公司"
    with engine.connect() as conn:
        image = conn.execute(select(LedgerImage).where(
            LedgerImage.sha256 == stages[0].image_sha256)).one()
    assert image.size == stages[0].image_size and image.data.startswith(b"\xff\xd8\xff")


def test_bad_rows_refused_with_reasons_and_nothing_stored(engine: Engine,
                                                          tmp_path: Path) -> None:
    bad = [
        ["P1", "村道硬化", "立项", "2026-03-02", "", "镇政府", "", ""],
        ["P1", "村道硬化", "开会", "2026-03-05", "", "", "", ""],           # unknown stage
        ["P1", "村道硬化", "预算", "", "100", "", "", ""],                   # no date
        ["P1", "村道硬化", "招标", "2026-04-01", "", "某公司", "", ""],       # no amount
        ["P1", "村道修", "验收", "2026-08-01", "", "", "", ""],              # name differs
        ["P1", "村道硬化", "立项", "2026-03-09", "", "", "", ""],            # twice
        ["P2", "饮水工程", "预算", "2026-05-25", "十二万", "", "", ""],        # amount text
        ["P2", "饮水工程", "决算", "2026-09-01", "1000", "", "", "../x.png"],  # image path
        ["P2", "饮水工程", "进度", "2026-06-01", "500", "", "", "gone.jpg"],   # image missing
    ]
    path = projects_xlsx(tmp_path / "bad.xlsx", bad, merge_names=False)
    result = import_projects(engine, path, village="青山村", township="高村镇", now=NOW)
    assert not result.stored and result.exit_code == 1
    reasons = {p.row: p.reason for p in result.problems}
    first = 3  # title, header → data from row 3
    assert "阶段 '开会' 看不懂" in reasons[first + 1]
    assert "日期没填" in reasons[first + 2]
    assert "要填金额" in reasons[first + 3]
    assert "同一个项目请写同一个名称" in reasons[first + 4]
    assert "已经有了" in reasons[first + 5]
    assert "不是数字" in reasons[first + 6]
    assert "只写文件名" in reasons[first + 7]
    assert "找不到" in reasons[first + 8]
    assert first not in reasons and len(reasons) == 8
    assert _projects(engine) == []


def test_reimport_corrects_in_place_and_withdraws_removed(engine: Engine,
                                                         tmp_path: Path) -> None:
    receipt_png(tmp_path / "approval.png")
    first = projects_xlsx(tmp_path / "v1.xlsx", ROAD + WATER)
    import_projects(engine, first, village="青山村", township="高村镇", now=NOW)
    road_before = _projects(engine)[0]
    fixed = [list(r) for r in ROAD]
    fixed[6][4] = "349,000.00"  # the final accounts corrected
    again = import_projects(engine, projects_xlsx(tmp_path / "v2.xlsx", fixed),
                            village="青山村", township="高村镇", now=NOW)
    assert (again.added, again.changed, again.withdrawn) == (0, 1, 1), again.as_json()
    (road,) = _projects(engine)
    assert road.id == road_before.id and road.seq > road_before.seq
    assert json.loads(road.body)["stages"][-1]["amount_fen"] == 34_900_000
    (gone,) = _projects(engine, deleted=True)
    assert gone.name == "饮水工程" and gone.seq > road.seq
    # The same file once more changes nothing (no fresh seq, nothing re-sent).
    same = import_projects(engine, projects_xlsx(tmp_path / "v3.xlsx", fixed),
                           village="青山村", township="高村镇", now=NOW)
    assert (same.added, same.changed, same.withdrawn) == (0, 0, 0)
    assert _projects(engine)[0].seq == road.seq


def test_id_number_in_a_cell_is_masked(engine: Engine, tmp_path: Path) -> None:
    rows = [["P9", "修桥", "合同", "2026-04-20", "50,000", "包工头 43122619560322079X",
             "身份证 43122619560322079X", ""]]
    result = import_projects(engine, projects_xlsx(tmp_path / "id.xlsx", rows),
                             village="青山村", township="高村镇", now=NOW)
    assert result.stored
    (project,) = _projects(engine)
    assert "43122619560322079X" not in project.body and "4312**********079X" in project.body


def test_cli_import_and_dry_run(engine: Engine, county_url: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    from county.cli.main import main

    path = projects_xlsx(tmp_path / "p.xlsx", WATER)
    base = ["import", str(path), "--kind", "projects", "--village", "青山村",
            "--township", "高村镇", "--db", county_url]
    assert main([*base, "--dry-run"]) == 0
    assert "检查通过：1 个项目（饮水工程）" in capsys.readouterr().out
    assert _projects(engine) == []
    assert main([*base, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["stored"] and out["added"] == 1 and out["projects"] == ["饮水工程"]
    assert main(["import", str(path), "--kind", "projects", "--db", county_url]) != 0
    assert "--village" in capsys.readouterr().err


def test_a_complaint_about_a_stage_is_described(engine: Engine, tmp_path: Path) -> None:
    from county.ledger.concerns import describe_concerns

    receipt_png(tmp_path / "approval.png")
    import_projects(engine, projects_xlsx(tmp_path / "a.xlsx", ROAD), village="青山村",
                    township="高村镇", now=NOW)
    (road,) = _projects(engine)
    concern = json.dumps({"kind": "village_project", "id": f"{road.id}/bidding/2026-04-15"})
    assert describe_concerns(engine, concern) == (
        "村级工程 青山村 村道硬化 招标结果 2026-04-15 湘南路桥建设有限公司 ¥352,800.00")
    fixed = [list(r) for r in ROAD]
    fixed[2][3] = "2026-04-16"  # the bidding's date corrected
    import_projects(engine, projects_xlsx(tmp_path / "b.xlsx", fixed), village="青山村",
                    township="高村镇", now=NOW)
    assert describe_concerns(engine, concern).endswith("（已被更正）")
    import_projects(engine, projects_xlsx(tmp_path / "c.xlsx", WATER), village="青山村",
                    township="高村镇", now=NOW)
    assert describe_concerns(engine, concern).endswith("（项目已撤下）")
    assert describe_concerns(engine, json.dumps({"kind": "village_project",
                                                 "id": "x/y"})) == "village_project x/y"
