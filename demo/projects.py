"""The demo village's projects (村级工程, issue 17): a finished road, a water project under way.

Deterministic for a given ``today``: the 村道硬化 project went from approval to
final accounts over the last year; the 饮水工程 was approved a few months ago and
is being built. Some stages carry a document image (drawn with Pillow, JPEG).
Both the county seed and the terminal seed use it, with the same ids.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from datetime import date, timedelta

from PIL import Image, ImageDraw

from demo.ledger import _font, voucher_jpeg

__all__ = ["DemoProject", "DemoStage", "document_jpeg", "generate_projects"]


@dataclass(frozen=True)
class DemoStage:
    """One stage; ``image`` its document's JPEG bytes (empty: none)."""

    stage: str
    day: date
    amount_fen: int | None
    who: str
    note: str
    image: bytes = b""

    @property
    def image_sha256(self) -> str:
        return hashlib.sha256(self.image).hexdigest() if self.image else ""


@dataclass(frozen=True)
class DemoProject:
    """A demo project with its stages in date order."""

    id: int
    code: str
    name: str
    stages: tuple[DemoStage, ...]

    def body(self) -> str:
        """The wire ``body`` (sync.protocol.projects.ProjectBody) as JSON."""
        return json.dumps({"stages": [
            {"stage": s.stage, "date": s.day.isoformat(), "amount_fen": s.amount_fen,
             "who": s.who, "note": s.note, "image_sha256": s.image_sha256,
             "image_size": len(s.image)} for s in self.stages]},
            ensure_ascii=False, sort_keys=True)


def document_jpeg(*, title: str, number: str, lines: tuple[str, ...], seal: str,
                  day: date) -> bytes:
    """An official-document-like page (红头文件) as JPEG bytes, 900×1200."""
    image = Image.new("RGB", (900, 1200), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    draw.text((450, 110), seal, fill="#C62828", font=_font(52), anchor="mm")
    draw.line((60, 180, 840, 180), fill="#C62828", width=5)
    draw.text((450, 220), number, fill="#333333", font=_font(26), anchor="mm")
    draw.text((450, 320), title, fill="#1A1A1A", font=_font(40), anchor="mm")
    for i, line in enumerate(lines):
        draw.text((90, 420 + i * 64), line, fill="#1A1A1A", font=_font(30))
    draw.text((820, 1120), f"{day.year}年{day.month}月{day.day}日", fill="#333333",
              font=_font(28), anchor="rm")
    draw.ellipse((600, 880, 800, 1080), outline="#C62828", width=6)
    draw.text((700, 980), "公 章", fill="#C62828", font=_font(30), anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def generate_projects(today: date) -> list[DemoProject]:
    """The two demo projects as of ``today`` (ids 1 and 2)."""
    start = today - timedelta(days=330)
    road_days = [start + timedelta(days=d) for d in (0, 18, 44, 50, 110, 160, 205)]
    town, firm = "高村镇人民政府", "湘南路桥建设有限公司"
    road = DemoProject(1, "QS-2026-01", "村道硬化（青山组至镇道 2.3 公里）", (
        DemoStage("approval", road_days[0], None, town, "村民代表会议表决通过，镇政府批复立项",
                  document_jpeg(title="关于青山村村道硬化项目立项的批复",
                                number=f"高政批〔{road_days[0].year}〕12号", seal=town,
                                day=road_days[0],
                                lines=("青山村村民委员会：", "　　你村报来的村道硬化项目申请",
                                       "收悉。经研究，同意立项，建设青山组",
                                       "至镇道水泥路2.3公里，路面宽4.5米。",
                                       "　　请按程序公开招标，严格质量管理。"))),
        DemoStage("budget", road_days[1], 38_600_000, "县财政投资评审中心",
                  "评审后预算，资金来自县交通局以奖代补和村集体"),
        DemoStage("bidding", road_days[2], 35_280_000, firm,
                  "镇公共资源交易平台公开招标，3家投标，结果公示3天无异议"),
        DemoStage("contract", road_days[3], 35_280_000, firm, "签订施工合同，工期90天，质保2年"),
        DemoStage("progress", road_days[4], 17_640_000, firm, "路基完成，拨付进度款50%",
                  voucher_jpeg(title="村道硬化工程进度款", payee=firm, amount_fen=17_640_000,
                               day=road_days[4], number="GC-0001")),
        DemoStage("acceptance", road_days[5], None, "镇村联合验收组（含村民代表2人）",
                  "验收合格，路面厚度、宽度抽检达标"),
        DemoStage("final", road_days[6], 34_926_050, "县审计局",
                  "审计决算，核减3,539.50元；余款按合同拨付，质保金留5%"),
    ))
    water_days = [today - timedelta(days=d) for d in (120, 100, 70, 64, 20)]
    water_firm = "县水利水电工程公司"
    water = DemoProject(2, "QS-2026-02", "饮水工程（二组、三组自来水管网）", (
        DemoStage("approval", water_days[0], None, "县水利局", "解决二组、三组86户饮水",
                  document_jpeg(title="关于青山村饮水工程的批复",
                                number=f"县水字〔{water_days[0].year}〕31号", seal="县水利局",
                                day=water_days[0],
                                lines=("高村镇人民政府：", "　　同意实施青山村饮水工程，",
                                       "新建蓄水池1座、管网4.8公里，",
                                       "解决二组、三组86户群众饮水。"))),
        DemoStage("budget", water_days[1], 12_800_000, "县水利局", "中央农村饮水安全补助资金"),
        DemoStage("bidding", water_days[2], 12_150_000, water_firm, "公开招标，结果公示3天"),
        DemoStage("contract", water_days[3], 12_150_000, water_firm, "签订施工合同，工期120天"),
        DemoStage("progress", water_days[4], 3_645_000, water_firm,
                  "蓄水池完成，管网铺设过半，拨付30%"),
    ))
    return [road, water]
