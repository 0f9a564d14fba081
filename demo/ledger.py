"""The demo village's finance ledger (村级财务, issue 17): a year of entries, a few vouchers.

Deterministic for a given ``today``: the twelve months up to ``today``'s,
each with the township's running-cost transfer, rents and the village's
everyday spending; a handful of entries carry a receipt-like voucher image
(drawn with Pillow, JPEG). Both the county seed and the terminal seed use it,
with the same ids, so a demo terminal's sync finds what it already shows.
"""

from __future__ import annotations

import hashlib
import io
import random
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

__all__ = ["DemoLedgerEntry", "generate_ledger", "voucher_jpeg"]

_INCOME = (("收到镇财政拨付村级组织运转经费", "高村镇财政所", 2_500_000, 3_200_000),
           ("收到集体土地租金", "青山种养专业合作社", 800_000, 1_500_000),
           ("收到光伏电站收益分成", "县光伏扶贫电站", 300_000, 900_000))
_EXPENSE = (("支付村部电费", "国网高村供电所", 30_000, 90_000),
            ("支付保洁员工资", "村保洁员（3人）", 360_000, 360_000),
            ("购买办公用品", "高村镇文具店", 8_000, 60_000),
            ("支付村道维修材料款", "李记建材店", 400_000, 1_800_000),
            ("慰问困难群众", "村困难群众（名单另附）", 100_000, 300_000),
            ("支付灌溉水渠清淤费", "高村镇水利站", 150_000, 600_000),
            ("支付村级网络通讯费", "中国电信高村营业厅", 19_900, 19_900))
_FONTS = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
          "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc")


@dataclass(frozen=True)
class DemoLedgerEntry:
    """One demo entry; ``image`` the voucher's JPEG bytes (empty: none)."""

    id: int
    entry_date: date
    summary: str
    kind: str
    amount_fen: int
    counterparty: str
    voucher_no: str
    image: bytes = b""

    @property
    def month(self) -> str:
        return f"{self.entry_date.year:04d}-{self.entry_date.month:02d}"

    @property
    def image_sha256(self) -> str:
        return hashlib.sha256(self.image).hexdigest() if self.image else ""


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in _FONTS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def voucher_jpeg(*, title: str, payee: str, amount_fen: int, day: date, number: str) -> bytes:
    """A receipt-like image (收款收据) as JPEG bytes, 900×600."""
    image = Image.new("RGB", (900, 600), "#FFFDF5")
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 880, 580), outline="#A31F1A", width=4)
    draw.text((450, 70), "收 款 收 据", fill="#A31F1A", font=_font(48), anchor="mm")
    draw.text((840, 130), f"No. {number}", fill="#333333", font=_font(26), anchor="rm")
    draw.text((60, 130), f"{day.year}年{day.month}月{day.day}日", fill="#333333", font=_font(26))
    lines = ("交款单位：青山村村民委员会", f"收款单位：{payee}", f"事　　由：{title}",
             f"金　　额：人民币 {amount_fen // 100:,}.{amount_fen % 100:02d} 元")
    for i, line in enumerate(lines):
        draw.text((60, 200 + i * 70), line, fill="#1A1A1A", font=_font(32))
    draw.ellipse((640, 400, 820, 560), outline="#C62828", width=5)
    draw.text((730, 480), "财务专用章", fill="#C62828", font=_font(24), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def _months(today: date) -> list[tuple[int, int]]:
    year, month = today.year, today.month
    out = []
    for _ in range(12):
        out.append((year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return out[::-1]


def generate_ledger(today: date, *, seed: int = 2026, images: int = 4) -> list[DemoLedgerEntry]:
    """The demo ledger for the year up to ``today`` (ids 1…N, date order); the newest
    ``images`` expense entries of more than 1,000 yuan carry a voucher image."""
    rng = random.Random(seed)
    rows: list[tuple[date, str, str, int, str]] = []
    for year, month in _months(today):
        last = today.day if (year, month) == (today.year, today.month) else 28
        picks = [_INCOME[0], *rng.sample(_INCOME[1:], rng.randint(0, 2))]
        for summary, party, low, high in picks:
            rows.append((date(year, month, rng.randint(1, last)), summary, "income",
                         rng.randint(low // 100, high // 100) * 100, party))
        for summary, party, low, high in [_EXPENSE[1], *rng.sample(_EXPENSE[:1] + _EXPENSE[2:],
                                                                   rng.randint(2, 4))]:
            rows.append((date(year, month, rng.randint(1, last)), summary, "expense",
                         rng.randint(low // 10, high // 10) * 10, party))
    rows.sort()
    entries: list[DemoLedgerEntry] = []
    counters: dict[str, int] = {}
    for i, (day, summary, kind, fen, party) in enumerate(rows, start=1):
        key = f"{day.year}{day.month:02d}"
        counters[key] = counters.get(key, 0) + 1
        entries.append(DemoLedgerEntry(i, day, summary, kind, fen, party,
                                       f"记-{key}-{counters[key]:02d}"))
    chosen = [e for e in entries if e.kind == "expense" and e.amount_fen > 100_000][-images:]
    with_images = {e.id for e in chosen}
    return [DemoLedgerEntry(e.id, e.entry_date, e.summary, e.kind, e.amount_fen, e.counterparty,
                            e.voucher_no, voucher_jpeg(title=e.summary, payee=e.counterparty,
                                                       amount_fen=e.amount_fen, day=e.entry_date,
                                                       number=e.voucher_no))
            if e.id in with_images else e for e in entries]

