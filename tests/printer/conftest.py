"""Shared fixtures for the printer tests: receipts, renderers, an emulated printer."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from demo.village import DEMO_LOOKUP_KEY
from drivers.printer.emulator import EmulatedPrinter
from drivers.printer.fonts import FontSet
from drivers.printer.render import ReceiptRenderer, default_fonts
from drivers.printer.worker import PrinterWorker
from kiosk.lookup import STATUS_LABELS_ZH, LookupResult, PaymentLine, summarise
from kiosk.receipt import Receipt, ReceiptPolicy, build_receipt

PRINTED_AT = datetime(2026, 11, 21, 2, 30, tzinfo=UTC)  # 10:30 in Beijing
AS_OF = datetime(2026, 11, 20, 0, 0, tzinfo=UTC)


def payments(years: range, *, monthly: bool = True) -> list[PaymentLine]:
    """A pension every month (or once a year) plus a yearly household subsidy."""
    lines: list[PaymentLine] = []
    pid = 1
    for year in years:
        for month in range(1, 13 if monthly else 2):
            lines.append(PaymentLine(pid, "PENSION", "城乡居民基础养老金", f"{year}年{month}月",
                                     20_800, date(year, month, 15), "paid", "县人社局",
                                     "中央", False))
            pid += 1
        lines.append(PaymentLine(pid, "FARMLAND", "耕地地力保护补贴", f"{year}年度", 36_380,
                                 date(year, 6, 20), "pending" if year == years[-1] else "paid",
                                 "县农业农村局", "中央", True))
        pid += 1
    return lines


def lookup_result(years: range, *, monthly: bool = True) -> LookupResult:
    """A lookup result as kiosk.lookup would return it."""
    return LookupResult("4312**********079X", "431226-9001", AS_OF,
                        summarise(payments(years, monthly=monthly)))


def make_receipt(result: LookupResult, *, name: str = "刘䶮", ticket: str | None = None,
                 policy: ReceiptPolicy | None = None, query_code: str = "") -> Receipt:
    """A receipt for ``result`` printed on the demo terminal."""
    return build_receipt(result, holder_name=name, masked_id=result.masked_id,
                         terminal_code="DEMO01", terminal_id="DEMO-0001", village="青山村",
                         township="高村镇", county="麻阳苗族自治县", printed_at=PRINTED_AT,
                         lookup_key=DEMO_LOOKUP_KEY, verify_base_url="http://127.0.0.1:8470",
                         status_labels=STATUS_LABELS_ZH, complaint_ticket=ticket,
                         complaint_query_code=query_code, policy=policy)


@pytest.fixture(scope="session")
def fonts() -> FontSet:
    """The installed fonts (fonts-noto-cjk is a project requirement: see Makefile)."""
    return default_fonts()


@pytest.fixture(scope="session")
def renderers(fonts: FontSet) -> dict[int, ReceiptRenderer]:
    """A renderer for each paper width, keyed by dots."""
    return {w: ReceiptRenderer(w, fonts) for w in (576, 384)}


@pytest.fixture
def short_receipt() -> Receipt:
    """Two years of yearly payments, with a complaint ticket."""
    return make_receipt(lookup_result(range(2025, 2027), monthly=False), ticket="DEMO01-000042")


@pytest.fixture
def emulator() -> Iterator[EmulatedPrinter]:
    """An emulated network printer on 127.0.0.1."""
    with EmulatedPrinter() as printer:
        yield printer


@pytest.fixture
def printer_worker() -> Iterator[PrinterWorker]:
    """The printer's worker thread: printer jobs (probes, prints) must run on it."""
    with PrinterWorker() as worker:
        yield worker
