"""`kiosk tour` runs end to end (reader emulator → serial driver → UI → printer)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image
from reference import TODAY_ARGS

EXPECTED = ["welcome", "reading", "benefits", "benefits-last-year", "item-detail", "printed",
            "print-paper-out", "complaint-about", "complaint-reason", "complaint-pinyin",
            "complaint-text", "complaint-phone", "complaint-identity", "complaint-confirm",
            "complaint-filed", "benefits-with-reply", "my-complaints", "still-here", "notices",
            "notice", "read-error", "clerk-pin", "clerk", "my-complaints-why",
            "my-complaints-feedback", "complaint-query-ticket", "complaint-query-code",
            "complaint-query-wrong", "complaint-query-result", "public", "roll-items", "roll",
            "roll-by-surname", "roll-line", "powers", "power-step", "power-info",
            "ledger-months", "ledger-entries", "ledger-voucher", "projects", "project-timeline",
            "project-document", "unavailable"]


def test_tour_saves_every_screen_and_the_receipts(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "tour", "--out",
                           str(tmp_path), "--size", "1280x800", *TODAY_ARGS],
                          capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    folder = tmp_path / "1280x800"
    names = sorted(p.stem.split("-", 1)[1] for p in folder.glob("[0-9][0-9]-*.png"))
    assert names == sorted(EXPECTED)
    for path in folder.glob("*.png"):
        image = Image.open(path).convert("L")
        if path.stem.startswith("receipt"):
            assert image.width in (576, 384)
            continue
        assert image.size == (1280, 800), path.name
        # Not blank: a real screen has plenty of dark text pixels.
        dark = sum(image.histogram()[:100])
        assert dark > 2_000, f"{path.name} looks empty"
    # Every text on every screen fits: nothing a villager needs is cut off (the tour
    # would exit 1 naming the screens), and the tour leaves only pictures behind.
    assert "text cut off" not in proc.stderr
    assert {p.suffix for p in folder.iterdir()} == {".png"}
    assert (folder / "receipt-printed.png").exists()
    assert (folder / "receipt-complaint.png").exists()


def test_tour_in_high_contrast_with_large_text(tmp_path: Path) -> None:
    # Issue 18: both switches hold on every screen, and the larger type cuts nothing off.
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "tour", "--out",
                           str(tmp_path), "--size", "1280x800", "--theme", "high-contrast",
                           "--large-text", *TODAY_ARGS],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    folder = tmp_path / "1280x800"
    assert "text cut off" not in proc.stderr
    for name in EXPECTED:
        if name == "still-here":  # the countdown overlay dims the screen
            continue
        path = next(folder.glob(f"[0-9][0-9]-{name}.png"))
        image = Image.open(path).convert("L")
        # White and yellow on black: most of the screen is black.
        black = sum(image.histogram()[:16])
        assert black > image.width * image.height * 0.4, f"{path.name} is not high contrast"


def test_tour_in_english_leaves_no_chinese_but_data(tmp_path: Path) -> None:
    # Issue 18: "English complete". The tour walks the QML item tree of every screen
    # and exits 1 naming any visible text with Chinese that is not data (ui.untranslated);
    # nothing may be cut off either.
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "tour", "--out",
                           str(tmp_path), "--size", "1280x800", "--lang", "en", *TODAY_ARGS],
                          capture_output=True, text=True, timeout=300)
    assert "untranslated text on" not in proc.stderr, proc.stderr[-3000:]
    assert "text cut off" not in proc.stderr
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = sorted(p.stem.split("-", 1)[1] for p in (tmp_path / "1280x800").glob("[0-9]*.png"))
    assert names == sorted(EXPECTED)
