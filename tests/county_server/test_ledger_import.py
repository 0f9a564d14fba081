"""`county import FILE --kind ledger`: a messy township ledger XLSX, bad rows, corrections,
voucher images (issue 17). On the real county database (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from ledger.ledger_files import messy_xlsx, receipt_png
from PIL import Image
from sqlalchemy import Engine, select

from county.db import open_county_db
from county.ledger.images import MAX_IN_BYTES, ImageError, prepare_image
from county.ledger.models import LedgerEntry, LedgerImage
from county.ledger.store import LedgerImportError, import_ledger

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)

GOOD = [
    [1, "2026-10-08", "记-001", "收到镇财政拨付村级运转经费", "高村镇财政所", "30,000.00元", "",
     "42,000.00", "v001.png"],
    [2, datetime(2026, 10, 12), "记-002", "支付村部电费", "国网高村供电所", "", "1,234.50 元",
     "", ""],
    [3, "2026年10月20日", "记-003", "支付道路维修材料款", "李记建材店", "", "¥8,600", "", ""],
    [4, "2026/10/31", "记-004", "收到集体土地租金", "王某某 43122619560322079X", "5000", "", "",
     ""],
]


@pytest.fixture
def engine(county_url: str) -> Iterator[Engine]:
    engine = open_county_db(county_url)
    yield engine
    engine.dispose()


def _live(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(LedgerEntry).where(LedgerEntry.deleted.is_(False))
                                 .order_by(LedgerEntry.entry_date)).all())


def test_messy_xlsx_imports_with_total_checked(engine: Engine, tmp_path: Path) -> None:
    receipt_png(tmp_path / "v001.png")
    path = messy_xlsx(tmp_path / "青山村10月.xlsx", GOOD, total=["35,000.00", "9,834.50元"])
    result = import_ledger(engine, path, village="青山村", township="高村镇", now=NOW)
    assert result.problems == [] and result.stored, result.as_json()
    assert result.months == ["2026-10"] and result.entries == 4 and result.images == 1
    assert any("合计行" in n for n in result.notes)
    assert any("上月结转" in n for n in result.notes)
    rows = _live(engine)
    assert [(r.kind, r.amount_fen) for r in rows] == [
        ("income", 3_000_000), ("expense", 123_450), ("expense", 860_000), ("income", 500_000)]
    assert rows[0].summary == "收到镇财政拨付村级运转经费" and rows[0].voucher_no == "记-001"
    assert rows[0].image_sha256 and rows[1].image_sha256 == ""
    # An ID number written into a cell never reaches the county's ledger (nor a terminal).
    assert rows[3].counterparty == "王某某 4312**********079X"


def test_bad_rows_refused_with_reasons_and_nothing_stored(engine: Engine,
                                                          tmp_path: Path) -> None:
    bad = [*GOOD[1:3],
           [5, "10月32日", "记-005", "支付保洁工资", "张某", "", "800", "", ""],
           [6, "2026-10-09", "记-006", "", "张某", "", "800", "", ""],
           [7, "2026-10-09", "记-007", "收支两填", "张某", "100", "800", "", ""],
           [8, "2026-10-09", "记-008", "金额乱写", "张某", "", "八百元", "", ""],
           [9, "2026-10-09", "记-009", "图片没给", "张某", "", "800", "", "missing.jpg"]]
    path = messy_xlsx(tmp_path / "bad.xlsx", bad, total=["0", "9,000.00"])
    result = import_ledger(engine, path, village="青山村", township="高村镇", now=NOW)
    assert not result.stored and result.exit_code == 1
    reasons = {p.row: p.reason for p in result.problems}
    first = 6  # title (2 rows), 单位, header, 上月结转 → data from row 6
    assert "日期" in reasons[first + 2] and "看不懂" in reasons[first + 2]
    assert "摘要没填" in reasons[first + 3]
    assert "拆成两行" in reasons[first + 4]
    assert "不是数字" in reasons[first + 5]
    assert "找不到凭证图片 missing.jpg" in reasons[first + 6]
    assert "合计行的支出 9,000.00 元与上面各笔相加的" in reasons[first + 7]
    assert _live(engine) == []


def test_correction_replaces_the_month(engine: Engine, tmp_path: Path) -> None:
    first = messy_xlsx(tmp_path / "a.xlsx", GOOD[1:])
    import_ledger(engine, first, village="青山村", township="高村镇", now=NOW)
    old_ids = {r.id for r in _live(engine)}
    fixed = [GOOD[1], [3, "2026-10-20", "记-003", "支付道路维修材料款（更正）", "李记建材店", "",
                       "6,600.00", "", ""]]
    again = import_ledger(engine, messy_xlsx(tmp_path / "b.xlsx", fixed), village="青山村",
                          township="高村镇", now=NOW)
    assert again.replaced == 3 and again.entries == 2
    live = _live(engine)
    assert [r.amount_fen for r in live] == [123_450, 660_000]
    assert not old_ids & {r.id for r in live}
    with engine.connect() as conn:
        retired = conn.execute(select(LedgerEntry.seq).where(LedgerEntry.deleted.is_(True))
                               ).scalars().all()
    assert len(retired) == 3 and min(retired) > max(r.seq for r in live) - 5


def test_csv_with_kind_column_and_unknown_village(engine: Engine, tmp_path: Path) -> None:
    path = tmp_path / "ledger.csv"
    path.write_text("日期,摘要,类型,金额,凭证号\n2026-09-01,收到捐款,收入,\"1,000元\",记-1\n"
                    "2026-09-02,买扫帚,支,35.5,记-2\n合计,,,\"1,035.50\",\n", encoding="gb18030")
    with pytest.raises(LedgerImportError, match="--township"):
        import_ledger(engine, path, village="青山村", township=None, now=NOW)
    result = import_ledger(engine, path, village="青山村", township="高村镇", now=NOW)
    assert result.stored, result.as_json()
    assert [(r.kind, r.amount_fen) for r in _live(engine)] == [("income", 100_000),
                                                               ("expense", 3_550)]


def test_images_checked_resized_and_stripped(tmp_path: Path) -> None:
    jpeg = receipt_png(tmp_path / "big.jpg", size=(4000, 3000), exif=True).read_bytes()
    assert b"SecretCam" in jpeg
    voucher = prepare_image(jpeg, name="big.jpg")
    with Image.open(io.BytesIO(voucher.data)) as out:
        assert out.format == "JPEG" and max(out.size) == 1600
        assert not out.getexif()
    assert b"SecretCam" not in voucher.data
    with pytest.raises(ImageError, match="不是 JPEG 或 PNG"):
        prepare_image(b"GIF89a" + bytes(100), name="x.gif")
    with pytest.raises(ImageError, match="已损坏"):
        prepare_image(b"\x89PNG\r\n\x1a\n" + bytes(200), name="broken.png")
    with pytest.raises(ImageError, match="太大"):
        prepare_image(b"\xff\xd8\xff" + bytes(MAX_IN_BYTES), name="huge.jpg")


def test_cli_dry_run_and_json(engine: Engine, county_url: str, tmp_path: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    from county.cli.main import main

    path = messy_xlsx(tmp_path / "c.xlsx", GOOD[1:2])
    code = main(["import", str(path), "--kind", "ledger", "--village", "青山村",
                 "--township", "高村镇", "--dry-run", "--db", county_url])
    assert code == 0 and "--dry-run" in capsys.readouterr().out
    assert _live(engine) == []
    with engine.connect() as conn:
        assert conn.execute(select(LedgerImage.sha256)).first() is None


def test_attach_a_voucher_later(engine: Engine, county_url: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    from county.cli.main import main

    import_ledger(engine, messy_xlsx(tmp_path / "d.xlsx", GOOD[1:3]), village="青山村",
                  township="高村镇", now=NOW)
    before = {r.voucher_no: r.seq for r in _live(engine)}
    image = receipt_png(tmp_path / "later.png", text="later")
    code = main(["ledger", "attach", str(image), "--village", "青山村", "--township", "高村镇",
                 "--month", "2026-10", "--voucher", "记-003", "--json", "--db", county_url])
    assert code == 0 and '"entries": 1' in capsys.readouterr().out
    rows = {r.voucher_no: r for r in _live(engine)}
    assert rows["记-003"].image_sha256 and rows["记-002"].image_sha256 == ""
    assert rows["记-003"].seq > max(before.values())  # travels to the terminals again
    missing = main(["ledger", "attach", str(image), "--village", "青山村", "--township",
                    "高村镇", "--month", "2026-10", "--voucher", "记-999", "--db", county_url])
    assert missing == 1 and "没有凭证号为 '记-999' 的账目" in capsys.readouterr().err
