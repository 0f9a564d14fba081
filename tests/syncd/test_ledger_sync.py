"""The village ledger (issue 17) through the real county server and `kiosk syncd --once`:
only the terminal's own village, a corrected month replaces the old entries, voucher
images fetched once, resumed after a cut, a damaged one refused without losing the rest;
and no ID number anywhere on the terminal."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from pathlib import Path

import httpx
from county_server.live import LiveServer
from ledger.ledger_files import messy_xlsx, receipt_png
from sqlalchemy import Engine, select, update

from county.ledger.concerns import describe_concerns
from county.ledger.models import LedgerEntry as CountyEntry
from county.ledger.models import LedgerImage
from county.ledger.store import import_ledger
from county.models import Complaint
from county.projects.models import VillageProject
from county.tx import writing
from kiosk.complaints import ComplaintDraft, Concerns, Reason, file_complaint
from kiosk.enrollment import load_enrollment
from kiosk.store import open_store
from kiosk.store.ledger_models import LedgerEntry
from syncd.conftest import Terminal, enrollment_code

NOW = datetime.now(UTC)
ID_NUMBER = re.compile(rb"[1-9]\d{5}(19|20)\d{2}[01]\d[0-3]\d{4}[0-9Xx]")


def _rows(n: int, month: int, *, images: tuple[str, ...] = ()) -> list[list[object]]:
    out: list[list[object]] = []
    for i in range(n):
        image = images[i] if i < len(images) else ""
        income = i % 3 == 0
        out.append([i + 1, f"2026-{month:02d}-{i + 1:02d}", f"记-{month}{i:02d}",
                    f"第{i + 1}笔", "高村镇财政所", f"{(i + 1) * 100:,}.00元" if income else "",
                    "" if income else f"{(i + 1) * 10}.50", "", image])
    return out


def _import(engine: Engine, directory: Path, name: str, rows: list[list[object]], *,
            village: str = "青山村", township: str = "高村镇") -> None:
    result = import_ledger(engine, messy_xlsx(directory / name, rows), village=village,
                           township=township, now=NOW)
    assert result.stored, result.as_json()


def _ledger(terminal: Terminal, month: str) -> list[dict[str, object]]:
    shown = terminal.run("ledger", "--month", month, "--json")
    assert shown.returncode == 0, shown.stderr
    return list(json.loads(shown.stdout)["entries"])


def test_ledger_reaches_only_its_village_and_corrections_replace(
        county: LiveServer, county_engine: Engine, terminal: Terminal, tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    receipt_png(files / "a.png", text="receipt A")
    receipt_png(files / "b.jpg", text="receipt B", fmt="JPEG")
    _import(county_engine, files, "qs10.xlsx", _rows(6, 10, images=("a.png", "b.jpg")))
    receipt_png(files / "c.png", text="receipt C")
    _import(county_engine, files, "ll10.xlsx", _rows(4, 10, images=("c.png",)),
            village="兰里村", township="兰里镇")
    code = enrollment_code(county_engine)
    assert terminal.run("enroll", code, "--server", county.url).returncode == 0
    first = terminal.run("syncd", "--once")
    assert first.returncode == 0, first.stderr[-3000:]
    entries = _ledger(terminal, "2026-10")
    assert [e["summary"] for e in entries] == [f"第{i}笔" for i in range(1, 7)]
    assert entries[0] == {"date": "2026-10-01", "summary": "第1笔", "kind": "income",
                          "amount_fen": 10_000, "counterparty": "高村镇财政所",
                          "voucher": "记-1000"}
    vouchers = terminal.dir / "vouchers"
    with county_engine.connect() as conn:
        hashes = set(conn.execute(select(CountyEntry.image_sha256).where(
            CountyEntry.village == "青山村", CountyEntry.deleted.is_(False),
            CountyEntry.image_sha256 != "")).scalars())
        october = set(conn.execute(select(CountyEntry.image_sha256).where(
            CountyEntry.village == "青山村", CountyEntry.month == "2026-10",
            CountyEntry.deleted.is_(False), CountyEntry.image_sha256 != "")).scalars())
        # The seeded demo projects' document images share the directory (村级工程).
        hashes |= {stage["image_sha256"] for body in conn.execute(
            select(VillageProject.body).where(VillageProject.village == "青山村",
                                              VillageProject.deleted.is_(False))).scalars()
            for stage in json.loads(body)["stages"] if stage["image_sha256"]}
    assert {p.stem for p in vouchers.glob("*.jpg")} == hashes and len(october) == 2
    for path in vouchers.glob("*.jpg"):
        assert hashlib.sha256(path.read_bytes()).hexdigest() == path.stem
    # Another village's voucher is not served to this terminal, even by its hash.
    with county_engine.connect() as conn:
        theirs = conn.execute(select(CountyEntry.image_sha256).where(
            CountyEntry.village == "兰里村", CountyEntry.image_sha256 != "")).scalar_one()
    token = load_enrollment(terminal.enrollment).token
    refused = httpx.get(f"{county.url}/api/v1/ledger/images/{theirs}",
                        headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert refused.status_code == 404 and theirs not in {p.stem for p in vouchers.iterdir()}
    stamps = {p.name: p.stat().st_mtime_ns for p in vouchers.iterdir()}
    # 这一笔有问题 on the first entry: the complaint carries what it concerns.
    store = open_store(terminal.db)
    try:
        with store.connect() as conn:
            first_id = conn.execute(select(LedgerEntry.id).where(LedgerEntry.month == "2026-10")
                                    .order_by(LedgerEntry.entry_date)).scalars().first()
        filed = file_complaint(store, ComplaintDraft(
            Reason.WRONG_AMOUNT, concerns=Concerns("ledger_entry", str(first_id))),
            terminal_code="QS01")
    finally:
        store.dispose()

    # A corrected October: two entries instead of six, no images.
    _import(county_engine, files, "qs10-fixed.xlsx", _rows(2, 10))
    again = terminal.run("syncd", "--once")
    assert again.returncode == 0, again.stderr[-3000:]
    assert "event=voucher_fetched" not in again.stderr  # nothing fetched twice
    assert [e["summary"] for e in _ledger(terminal, "2026-10")] == ["第1笔", "第2笔"]
    left = {p.stem for p in vouchers.iterdir()}
    assert left == hashes - october, "images no entry names any more are removed"
    with county_engine.connect() as conn:
        concerns = conn.execute(select(Complaint.concerns).where(
            Complaint.ticket_no == filed.ticket_no)).scalar_one()
    assert concerns is not None
    assert json.loads(concerns) == {"kind": "ledger_entry", "id": str(first_id)}
    said = describe_concerns(county_engine, concerns)
    assert said.startswith("村级财务 青山村 2026-10-01 第1笔 收入 ¥100.00") and "已被更正" in said
    assert stamps  # they were there before the correction

    # Privacy: no ID number in the terminal's files (cache, images, logs).
    for path in terminal.dir.rglob("*"):
        if path.is_file():
            assert not ID_NUMBER.search(path.read_bytes()), path


def test_images_resume_and_a_damaged_one_is_refused(
        county: LiveServer, county_engine: Engine, terminal: Terminal, tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    for name in ("a.png", "b.png", "c.png"):
        receipt_png(files / name, text=f"receipt {name}", size=(900, 700))
    _import(county_engine, files, "qs11.xlsx", _rows(3, 11, images=("a.png", "b.png", "c.png")))
    with county_engine.connect() as conn:
        stored = dict(conn.execute(select(LedgerImage.sha256, LedgerImage.data)).all())
        by_row = [sha for sha, in conn.execute(
            select(CountyEntry.image_sha256).where(CountyEntry.month == "2026-11",
                                                   CountyEntry.village == "青山村",
                                                   CountyEntry.deleted.is_(False))
            .order_by(CountyEntry.entry_date))]
    resumed, damaged, good = by_row
    # A cut download of one image left its first bytes; another is damaged on the server.
    vouchers = terminal.dir / "vouchers"
    vouchers.mkdir(parents=True)
    half = len(stored[resumed]) // 2
    (vouchers / f"{resumed}.part").write_bytes(stored[resumed][:half])
    bad = bytearray(stored[damaged])
    bad[len(bad) // 2] ^= 0xFF
    with writing(county_engine) as conn:
        conn.execute(update(LedgerImage).where(LedgerImage.sha256 == damaged)
                     .values(data=bytes(bad)))
    code = enrollment_code(county_engine)
    assert terminal.run("enroll", code, "--server", county.url).returncode == 0
    synced = terminal.run("syncd", "--once")
    assert synced.returncode != 0
    assert "code=sync.voucher_damaged" in synced.stderr
    assert f"resumed_at={half}" in synced.stderr
    assert (vouchers / f"{resumed}.jpg").read_bytes() == stored[resumed]
    assert (vouchers / f"{good}.jpg").read_bytes() == stored[good]
    assert not (vouchers / f"{damaged}.jpg").exists()
    assert not (vouchers / f"{damaged}.part").exists()
    assert len(_ledger(terminal, "2026-11")) == 3  # every entry is there, picture or not
    status = terminal.run("sync", "status", "--json")
    assert "voucher" in status.stdout
