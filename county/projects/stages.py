"""The stages of a village project, as a clerk may write them and as the kiosk names them."""

from __future__ import annotations

from county.importer.cells import CellError

__all__ = ["ONCE", "STAGES", "parse_stage"]

#: The stages in their natural order (wire codes → Chinese name).
STAGES = {"approval": "立项批复", "budget": "预算", "bidding": "招标结果",
          "contract": "施工合同", "progress": "施工进度", "acceptance": "竣工验收",
          "final": "竣工决算"}
#: Stages a project has at most once (progress payments may come several times).
ONCE = frozenset(STAGES) - {"progress"}

_WORDS = {
    **dict.fromkeys(("立项", "立项批复", "批复", "审批", "立项审批", "项目批复"), "approval"),
    **dict.fromkeys(("预算", "预算书", "预算审核", "概算"), "budget"),
    **dict.fromkeys(("招标", "招投标", "招标结果", "中标", "中标结果", "比选", "议标"),
                    "bidding"),
    **dict.fromkeys(("合同", "施工合同", "签订合同", "施工单位", "承包", "承建"), "contract"),
    **dict.fromkeys(("进度", "施工进度", "进度款", "拨款", "付款", "工程款", "开工"),
                    "progress"),
    **dict.fromkeys(("验收", "竣工验收", "完工验收"), "acceptance"),
    **dict.fromkeys(("决算", "结算", "竣工决算", "决算审计", "审计"), "final"),
}


def parse_stage(value: object) -> str:
    """The stage code of a 阶段 cell; raises :class:`CellError` naming the words it takes."""
    text = "".join(str(value or "").split())
    if text in STAGES:
        return text
    if text in _WORDS:
        return _WORDS[text]
    if not text:
        raise CellError("stage.missing", "阶段没填（写 立项、预算、招标、合同、进度、验收 "
                                         "或 决算）")
    raise CellError("stage.invalid", f"阶段 {text!r} 看不懂（写 立项、预算、招标、合同、进度、"
                                     "验收 或 决算）")
