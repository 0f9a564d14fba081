"""Benchmark: receipt render time, raster vs GB18030 text bytes, wire time vs head time.

For a 20-line receipt (one year: a monthly pension and eight months of 低保)
at 80 mm and 58 mm:

- render time (median of N renders after a warm-up, fonts loaded) against a
  1 s budget (the villager presses 打印 and waits);
- the bytes each mode puts on the wire, measured at the emulated printer
  (status queries included, as on a real job);
- the time those bytes need on a serial line at 9600 and 115200 baud (10 bits
  a byte: 8N1) next to the time a 200 mm/s thermal head needs for the paper
  length (the raster image's height at 8 dots/mm; text mode prints about as
  long). A ratio above 1 means the line, not the head, sets the pace.

Run: ``.venv/bin/python tests/bench/bench_receipt.py [--runs N]``. Not collected
by pytest; prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, date, datetime

from demo.village import DEMO_LOOKUP_KEY
from drivers.printer.emulator import EmulatedPrinter
from drivers.printer.printer import ThermalPrinter
from drivers.printer.render import PAPER_DOTS, ReceiptRenderer
from drivers.printer.textmode import text_job
from kiosk.lookup import STATUS_LABELS_ZH, LookupResult, PaymentLine, summarise
from kiosk.receipt import Receipt, build_receipt, receipt_blocks

HEAD_MM_PER_S = 200
DOTS_PER_MM = 8
RENDER_BUDGET_S = 1.0


def twenty_line_receipt() -> Receipt:
    """One year, 20 payment lines, the rare-character name 刘䶮."""
    lines = [PaymentLine(m, "PENSION", "城乡居民基础养老金", f"2026年{m}月", 20_800,
                         date(2026, m, 15), "paid", "县人社局", "中央", False)
             for m in range(1, 13)]
    lines += [PaymentLine(100 + m, "DIBAO", "农村最低生活保障金", f"2026年{m}月", 76_000,
                          date(2026, m, 12), "paid", "县民政局", "中央", True)
              for m in range(1, 9)]
    result = LookupResult("4312**********079X", "431226-9001",
                          datetime(2026, 11, 20, tzinfo=UTC), summarise(lines))
    return build_receipt(result, holder_name="刘䶮", masked_id=result.masked_id,
                         terminal_code="DEMO01", terminal_id="DEMO-0001", village="青山村",
                         township="高村镇", county="麻阳苗族自治县",
                         printed_at=datetime(2026, 11, 21, 2, 30, tzinfo=UTC),
                         lookup_key=DEMO_LOOKUP_KEY, verify_base_url="http://127.0.0.1:8470",
                         status_labels=STATUS_LABELS_ZH)


def wire_bytes(renderer: ReceiptRenderer, receipt: Receipt, mode: str) -> int:
    """Bytes the emulated printer receives for one job in ``mode``."""
    blocks = receipt_blocks(receipt)
    with EmulatedPrinter() as emulator:
        with ThermalPrinter(emulator.uri, width_dots=renderer.width) as printer:
            if mode == "raster":
                printer.print_image(renderer.render(blocks))
            else:
                printer.print_job(text_job(blocks, width_dots=renderer.width,
                                           line_image=lambda t, s, b: renderer.render_line(
                                               t, s, bold=b)))
        return len(emulator.received)


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    receipt = twenty_line_receipt()
    blocks = receipt_blocks(receipt)
    print(f"receipt: {receipt.line_count} payment lines, {len(blocks)} blocks")
    for mm, dots in PAPER_DOTS.items():
        renderer = ReceiptRenderer(dots)
        renderer.render(blocks)  # warm-up: fonts, glyph caches
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            image = renderer.render(blocks)
            times.append(time.perf_counter() - started)
        median = statistics.median(times)
        paper_mm = image.height / DOTS_PER_MM
        head_s = paper_mm / HEAD_MM_PER_S
        print(f"\n{mm} mm ({dots} dots): render median {median * 1000:.0f} ms "
              f"(budget {RENDER_BUDGET_S * 1000:.0f} ms, ratio {median / RENDER_BUDGET_S:.2f}); "
              f"paper {paper_mm:.0f} mm → head at {HEAD_MM_PER_S} mm/s: {head_s:.2f} s")
        print(f"  {'mode':<7}{'bytes':>9}{'9600 Bd':>10}{'/head':>8}{'115200 Bd':>12}{'/head':>8}")
        for mode in ("raster", "text"):
            size = wire_bytes(renderer, receipt, mode)
            slow, fast = size * 10 / 9600, size * 10 / 115_200
            print(f"  {mode:<7}{size:>9,}{slow:>9.1f}s{slow / head_s:>8.1f}"
                  f"{fast:>11.2f}s{fast / head_s:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
