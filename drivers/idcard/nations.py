"""Nation (民族) codes as a resident ID card stores them (GB 3304, used by GA 467).

The card holds a two-digit code; screens, receipts and the JSON contract use
the name without the trailing 族 ("汉", "苗", "土家"), as printed on the card.
"""

from __future__ import annotations

from drivers.idcard.errors import CardDataError

__all__ = ["NATIONS", "nation_code", "nation_name"]

#: code → name, GB 3304 order: 01 汉 … 56 基诺, then 97 其他, 98 外国血统中国籍人士.
NATIONS: dict[str, str] = {
    f"{index:02d}": name
    for index, name in enumerate(
        (
            "汉", "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜",
            "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克", "傣", "黎", "傈僳",
            "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
            "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米",
            "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔",
            "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
        ),
        start=1,
    )
} | {"97": "其他", "98": "外国血统中国籍人士"}

_CODES = {name: code for code, name in NATIONS.items()}


def nation_name(code: str) -> str:
    """The name for a two-digit code ("01" → "汉").

    Raises :class:`CardDataError` (problem ``nation``) for a code not in the table.
    """
    try:
        return NATIONS[code]
    except KeyError:
        raise CardDataError("nation", f"unknown nation code {code!r}") from None


def nation_code(name: str) -> str:
    """The two-digit code for a name ("汉" → "01"); a trailing 族 is accepted.

    Raises :class:`CardDataError` (problem ``nation``) for an unknown name.
    """
    key = name.removesuffix("族") if name not in _CODES else name
    try:
        return _CODES[key]
    except KeyError:
        raise CardDataError("nation", f"unknown nation name {name!r}") from None
