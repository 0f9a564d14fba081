"""Write the preview PNGs in docs/receipts/ (run: python -m tests.printer.previews).

A short receipt (two years, a few lines) and a long one (a household paid
every month for twenty years: the newest years in full, the others one line
each), at 80 mm and 58 mm. Fixed print time, so reruns give the same files.
"""

from __future__ import annotations

import sys
from pathlib import Path

from drivers.printer.render import PAPER_DOTS, ReceiptRenderer
from kiosk.receipt import receipt_blocks

from .conftest import lookup_result, make_receipt

OUT = Path(__file__).resolve().parents[2] / "docs" / "receipts"


def main() -> int:
    """Render the four previews; prints each file with its size in mm."""
    receipts = {
        "short": make_receipt(lookup_result(range(2025, 2027), monthly=False), name="龙德贵"),
        "long": make_receipt(lookup_result(range(2007, 2027)), name="刘䶮",
                             ticket="DEMO01-000042"),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for mm, dots in PAPER_DOTS.items():
        renderer = ReceiptRenderer(dots)
        for kind, receipt in receipts.items():
            image = renderer.render(receipt_blocks(receipt))
            path = OUT / f"receipt-{mm}mm-{kind}.png"
            image.save(path, format="PNG", optimize=True)
            print(f"{path.name}: {image.width}×{image.height} dots = {image.height / 8:.0f} mm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
