"""Renderer: exact widths, nothing clipped, rare characters drawn (not boxes), big amounts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops

from drivers.printer.errors import FontMissingError
from drivers.printer.fonts import FontFace, FontSet, find_fonts
from drivers.printer.render import PAPER_DOTS, ReceiptRenderer, paper_dots
from kiosk.receipt import Row, Text, receipt_blocks

from .conftest import lookup_result, make_receipt

RARE = "䶮𠮷"  # CJK Extension A and Extension B (names on real ID cards)
NOT_IN_ANY_FONT = "\U0010fffd"  # plane-16 private use: no installed font has it


def _glyph(fonts: FontSet, face: FontFace, char: str) -> bytes:
    return bytes(fonts.font(face, 48).getmask(char))


def test_paper_widths() -> None:
    assert PAPER_DOTS == {80: 576, 58: 384}
    assert paper_dots(58) == 384
    with pytest.raises(ValueError, match="57"):
        paper_dots(57)
    with pytest.raises(ValueError, match="500"):
        ReceiptRenderer(500)


@pytest.mark.parametrize("width", [576, 384])
@pytest.mark.parametrize("years", [range(2025, 2027), range(2007, 2027)], ids=["short", "long"])
def test_receipt_image_is_exact_width_1bit_and_margins_blank(
        renderers: dict[int, ReceiptRenderer], width: int, years: range) -> None:
    receipt = make_receipt(lookup_result(years), ticket="DEMO01-000042")
    image = renderers[width].render(receipt_blocks(receipt))
    assert image.mode == "1"
    assert image.width == width
    # Nothing drawn in the 8-dot margins: no text ran off the edge.
    for box in ((0, 0, 8, image.height), (width - 8, 0, width, image.height)):
        assert image.crop(box).getextrema() == (255, 255)
    assert image.getextrema() == (0, 255)


@pytest.mark.parametrize("char", list(RARE + "刘龙¥"))
def test_rare_characters_have_real_glyphs(fonts: FontSet, char: str) -> None:
    face = fonts.face_for(char)
    assert face is not None, f"no installed font has {char!r}"
    assert _glyph(fonts, face, char) != _glyph(fonts, face, NOT_IN_ANY_FONT)
    assert fonts.missing(f"刘{RARE}") == set()


def test_character_missing_everywhere_is_reported(fonts: FontSet) -> None:
    assert fonts.missing(f"刘{NOT_IN_ANY_FONT}") == {NOT_IN_ANY_FONT}


def test_fallback_font_draws_what_the_primary_lacks(fonts: FontSet) -> None:
    dejavu = next((f for f in fonts.fallbacks if f.path.name == "DejaVuSans.ttf"), None)
    if dejavu is None:
        pytest.skip("DejaVuSans.ttf (Debian fonts-dejavu-core) is not installed")
    latin_only = FontSet(dejavu, None, [fonts.regular])
    assert ord("䶮") not in latin_only.cmap(dejavu)
    assert latin_only.face_for("䶮") == fonts.regular
    assert [face for face, _ in latin_only.runs("AB刘䶮")] == [dejavu, fonts.regular]
    via_fallback = ReceiptRenderer(576, latin_only).render([Text("䶮𠮷刘")])
    direct = ReceiptRenderer(576, FontSet(fonts.regular)).render([Text("䶮𠮷刘")])
    assert ImageChops.difference(via_fallback.convert("L"), direct.convert("L")).getbbox() is None
    tofu = ReceiptRenderer(576, FontSet(dejavu)).render([Text("䶮𠮷刘")])
    assert ImageChops.difference(tofu.convert("L"), direct.convert("L")).getbbox() is not None


def test_no_cjk_font_names_the_debian_package(tmp_path: Path) -> None:
    with pytest.raises(FontMissingError, match="fonts-noto-cjk") as info:
        find_fonts([tmp_path])
    assert info.value.code == "printer.font_missing"


def _ink_height(image: Image.Image) -> int:
    box = ImageChops.invert(image.convert("L")).getbbox()
    assert box is not None
    return box[3] - box[1]


@pytest.mark.parametrize("width", [576, 384])
def test_amounts_are_large_type(renderers: dict[int, ReceiptRenderer], width: int) -> None:
    r = renderers[width]
    body = _ink_height(r.render([Text("¥84,857.00")]))
    total = _ink_height(r.render([Text("¥84,857.00", size="title")]))
    assert total >= 1.5 * body
    assert body >= 18  # ≥ 2.25 mm cap height at 8 dots/mm


@pytest.mark.parametrize("width", [576, 384])
@pytest.mark.parametrize("text", [
    "农村最低生活保障金农村最低生活保障金农村最低生活保障金（户）",
    "1234567890" * 8,
    "回执编号：DEMO01-20261121103000，发现问题请拨打监督举报电话 12388。",
])
def test_wrapped_lines_fit(renderers: dict[int, ReceiptRenderer], width: int, text: str) -> None:
    r = renderers[width]
    lines = r.wrap(text, "large", bold=True)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(r.measure(line, "large", bold=True) <= width - 16 for line in lines)
    assert not any(line.startswith(("，", "。", "）")) for line in lines)


def test_row_puts_amount_on_last_line_or_its_own(renderers: dict[int, ReceiptRenderer]) -> None:
    r = renderers[384]
    one = r.render([Row("养老金", "¥208.00")])
    long_left = r.render([Row("农村最低生活保障金（户）农村", "¥10,443.80", size="large")])
    assert one.height == r.render([Text("养老金")]).height
    assert long_left.height > r.render([Text("农村", size="large")]).height
