"""Village projects (村级工程, issue 17) through the real county server and `kiosk syncd
--once`: only the terminal's own village, a corrected project replaces the old one, a
withdrawn one leaves (tombstone), stage images fetched once through the voucher pipeline
(another village's refused even by hash); `kiosk projects --json` shows what arrived; no
ID number anywhere on the terminal."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from county_server.live import LiveServer
from ledger.ledger_files import receipt_png
from ledger.project_files import ROAD, WATER, projects_xlsx
from sqlalchemy import Engine, select

from county.projects.models import VillageProject as CountyProject
from county.projects.store import import_projects
from kiosk.enrollment import load_enrollment
from sync.protocol.projects import ProjectBody
from syncd.conftest import Terminal, enrollment_code

NOW = datetime.now(UTC)
ID_NUMBER = re.compile(rb"[1-9]\d{5}(19|20)\d{2}[01]\d[0-3]\d{4}[0-9Xx]")


def _import(engine: Engine, directory: Path, name: str, rows: list[list[Any]], *,
            village: str = "青山村", township: str = "高村镇") -> None:
    result = import_projects(engine, projects_xlsx(directory / name, rows), village=village,
                             township=township, now=NOW)
    assert result.stored, result.as_json()


def _shown(terminal: Terminal) -> list[dict[str, Any]]:
    shown = terminal.run("projects", "--json")
    assert shown.returncode == 0, shown.stderr
    return list(json.loads(shown.stdout)["projects"])


def test_projects_reach_only_their_village_corrections_replace_withdrawn_leave(
        county: LiveServer, county_engine: Engine, terminal: Terminal, tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    receipt_png(files / "approval.png", text="approval")
    water = [list(WATER[0]), [*WATER[1][:7], "budget.png"]]
    receipt_png(files / "budget.png", text="budget", fmt="JPEG")
    _import(county_engine, files, "qs.xlsx", [*ROAD, *water])
    receipt_png(files / "theirs.png", text="another village")
    other = [["LL-1", "兰里村桥梁", "立项", "2026-02-01", "", "兰里镇", "",
              "theirs.png"]]
    _import(county_engine, files, "ll.xlsx", other, village="兰里村", township="兰里镇")
    code = enrollment_code(county_engine)
    assert terminal.run("enroll", code, "--server", county.url).returncode == 0
    first = terminal.run("syncd", "--once")
    assert first.returncode == 0, first.stderr[-3000:]

    shown = _shown(terminal)
    assert [p["name"] for p in shown] == ["村道硬化", "饮水工程"]
    road = shown[0]
    assert road["budget_fen"] == 38_600_000 and road["final_fen"] == 34_926_050
    assert road["stage"] == "final" and len(road["stages"]) == 7
    assert road["stages"][2] == {"stage": "bidding", "label": "招标结果", "date": "2026-04-15",
                                 "amount_fen": 35_280_000, "who": "湘南路桥建设有限公司",
                                 "note": "公开招标，3家投标", "has_image": False}
    assert road["stages"][0]["has_image"] is True
    vouchers = terminal.dir / "vouchers"
    with county_engine.connect() as conn:
        bodies = {name: ProjectBody.model_validate_json(body) for name, body in conn.execute(
            select(CountyProject.name, CountyProject.body))}
    ours = {s.image_sha256 for n in ("村道硬化", "饮水工程") for s in bodies[n].stages
            if s.image_sha256}
    # (The demo ledger's vouchers of the seeded county come too.)
    assert len(ours) == 2 and ours <= {p.stem for p in vouchers.glob("*.jpg")}
    for path in vouchers.glob("*.jpg"):
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem
    # Another village's stage image is not served to this terminal, even by its hash.
    theirs = bodies["兰里村桥梁"].stages[0].image_sha256
    token = load_enrollment(terminal.enrollment).token
    refused = httpx.get(f"{county.url}/api/v1/ledger/images/{theirs}",
                        headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert refused.status_code == 404 and not (vouchers / f"{theirs}.jpg").exists()

    # A corrected file: the road's final accounts fixed, the water project withdrawn.
    fixed = [list(r) for r in ROAD]
    fixed[6][4] = "349,000.00"
    _import(county_engine, files, "qs-fixed.xlsx", fixed)
    again = terminal.run("syncd", "--once")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "event=voucher_fetched" not in again.stderr  # nothing fetched twice
    shown = _shown(terminal)
    assert [p["name"] for p in shown] == ["村道硬化"] and shown[0]["final_fen"] == 34_900_000
    budget = next(s.image_sha256 for s in bodies["饮水工程"].stages if s.image_sha256)
    assert not (vouchers / f"{budget}.jpg").exists(), "a withdrawn project's image is removed"
    approval = bodies["村道硬化"].stages[0].image_sha256
    assert (vouchers / f"{approval}.jpg").exists()

    # Privacy: no ID number in the terminal's files (cache, images, logs).
    for path in terminal.dir.rglob("*"):
        if path.is_file():
            assert not ID_NUMBER.search(path.read_bytes()), path
