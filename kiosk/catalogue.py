"""The catalogue of common rural benefit items (惠民惠农补贴项目).

Pure data, shared by the terminal (item names and policy text on screen), the
demo generator and the county importer (matching department spreadsheets'
item names through ``aliases``). Standards are typical figures of a central
Chinese county for 2022–2026; a real county edits its own catalogue with
``county item``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["CATALOGUE", "NOTICE_KINDS", "BenefitItemSpec", "item_by_code", "match_item_name"]

Scope = Literal["person", "household"]

#: The kinds of notices (公告) the county publishes and the kiosk files them under.
NOTICE_KINDS = ("政策", "村务公开", "村级财务", "公示")


@dataclass(frozen=True)
class BenefitItemSpec:
    """One benefit item: who pays it, to whom, and what the policy says."""

    code: str
    name: str
    category: str
    department: str
    scope: Scope
    """``household`` items show for every member of the recipient's household."""
    standard: str
    policy: str
    aliases: tuple[str, ...] = ()


CATALOGUE: tuple[BenefitItemSpec, ...] = (
    BenefitItemSpec(
        "DIBAO", "农村最低生活保障金", "社会救助", "县民政局", "household",
        "按户发放，补差标准每人每月 280–420 元（分类施保）",
        "家庭人均收入低于当地农村低保标准、且符合财产条件的农村家庭，按家庭人均收入"
        "与低保标准的差额按月发放。由村民申请、乡镇审核、县民政局审批，名单在村务公开栏公示。",
        ("低保", "农村低保", "农村低保金", "农村最低生活保障", "最低生活保障金"),
    ),
    BenefitItemSpec(
        "TEKUN", "特困人员救助供养金", "社会救助", "县民政局", "person",
        "基本生活标准每人每月 560 元起",
        "无劳动能力、无生活来源、无法定赡养抚养扶养义务人的老年人、残疾人和未成年人，"
        "按月发放基本生活费；全自理、半护理、全护理另有照料护理补贴。",
        ("特困供养", "特困人员供养金", "五保", "农村五保供养"),
    ),
    BenefitItemSpec(
        "CJ_SHENGHUO", "困难残疾人生活补贴", "残疾人补贴", "县民政局", "person",
        "每人每月 80 元",
        "低保家庭中的残疾人按月发放生活补贴，由本人申请、残联审核、民政部门发放。",
        ("残疾人生活补贴", "困难残疾人补贴"),
    ),
    BenefitItemSpec(
        "CJ_HULI", "重度残疾人护理补贴", "残疾人补贴", "县民政局", "person",
        "每人每月 80 元",
        "残疾等级为一级、二级且需要长期照护的重度残疾人，按月发放护理补贴。",
        ("重度残疾人护理补贴金", "残疾人护理补贴"),
    ),
    BenefitItemSpec(
        "GAOLING", "高龄津贴", "老龄福利", "县民政局", "person",
        "80–89 岁每人每月 50 元，90–99 岁 100 元，100 岁以上 300 元",
        "本县户籍 80 周岁以上老年人按月享受高龄津贴，按季度发放到社会保障卡。",
        ("高龄补贴", "高龄老人津贴", "老年人高龄津贴"),
    ),
    BenefitItemSpec(
        "YANGLAO", "城乡居民基础养老金", "养老保险", "县人力资源和社会保障局", "person",
        "2026 年每人每月 208 元（含县级提标）",
        "年满 60 周岁、参加城乡居民基本养老保险的人员按月领取基础养老金，"
        "由中央和地方财政全额支付。",
        ("基础养老金", "城乡居民养老保险", "养老金", "新农保"),
    ),
    BenefitItemSpec(
        "GENGDI", "耕地地力保护补贴", "农业补贴", "县农业农村局", "household",
        "按确权承包耕地面积，每亩每年约 105 元",
        "拥有耕地承包权的种地农民，按确权耕地面积每年发放一次，用于支持耕地地力保护；"
        "已改变用途的耕地不再享受。",
        ("耕地补贴", "地力补贴", "耕地地力保护补贴资金", "农业支持保护补贴"),
    ),
    BenefitItemSpec(
        "GONGYILIN", "生态公益林补偿", "林业补贴", "县林业局", "household",
        "国家级和省级公益林每亩每年 16 元",
        "区划界定为公益林的林地，按林权证面积每年发放一次补偿资金，用于管护。",
        ("公益林补偿", "森林生态效益补偿", "生态公益林补偿金"),
    ),
    BenefitItemSpec(
        "WEIFANG", "农村危房改造补助", "住房保障", "县住房和城乡建设局", "household",
        "按改造方式，每户 1.5–3.5 万元，分期拨付",
        "低保户、分散供养特困人员、低收入家庭等重点对象的危房，经鉴定后改造，"
        "竣工验收合格后将补助资金拨付到户。",
        ("危房改造", "危改补助", "农村危房改造补助资金"),
    ),
    BenefitItemSpec(
        "YILIAO_JZ", "医疗救助金", "医疗保障", "县医疗保障局", "person",
        "住院自付费用按 70% 左右救助，年度限额 3 万元",
        "低保对象、特困人员、低收入人口经基本医保、大病保险报销后的政策范围内自付费用，"
        "按比例给予救助。",
        ("医疗救助", "医疗救助资金", "城乡医疗救助"),
    ),
    BenefitItemSpec(
        "JIAOYU", "家庭经济困难学生资助", "教育资助", "县教育局", "person",
        "小学每生每学期 500 元，初中 625 元，高中及中职 1000 元",
        "在校的家庭经济困难学生按学期发放生活补助，脱贫家庭、低保家庭学生优先。",
        ("教育资助", "学生资助", "贫困学生生活补助", "国家助学金"),
    ),
    BenefitItemSpec(
        "JIANGLI", "农村计划生育家庭奖励扶助金", "计生奖扶", "县卫生健康局", "person",
        "每人每年 960 元",
        "农村只有一个子女或两个女孩的计划生育家庭夫妇，年满 60 周岁后每年发放奖励扶助金。",
        ("计生奖扶", "奖励扶助金", "计划生育奖励扶助"),
    ),
)

_BY_CODE = {item.code: item for item in CATALOGUE}
_BY_NAME = {
    name: item for item in CATALOGUE for name in (item.code, item.name, *item.aliases)
}


def item_by_code(code: str) -> BenefitItemSpec:
    """The catalogue item with this code; raises ``KeyError`` if unknown."""
    return _BY_CODE[code]


def match_item_name(name: str) -> BenefitItemSpec | None:
    """Match a department's item name (or code, or alias) to the catalogue.

    Surrounding spaces and a trailing 资金/补助资金 are ignored; anything not
    in the catalogue returns ``None`` (the importer reports it as a bad row).
    """
    key = name.strip().replace(" ", "")
    if key in _BY_NAME:
        return _BY_NAME[key]
    for suffix in ("补助资金", "资金"):
        if key.endswith(suffix) and key.removesuffix(suffix) in _BY_NAME:
            return _BY_NAME[key.removesuffix(suffix)]
    return None
