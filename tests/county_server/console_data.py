"""Data and helpers for the console tests: users, a second and third township, a terminal.

The demo county has one township (高村镇, 青山村). The console's drill-down
and township limits need more, so :func:`add_townships` imports a payment
file for 石桥乡 (two villages) and 龙潭镇 through the real importer.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
from openpyxl import Workbook
from sqlalchemy import Engine

from county.console.accounts import add_user
from county.importer import ImportOptions, import_payments
from kiosk import clock
from kiosk.identity import check_digit

PASSWORD = "console-pass-1"
#: name → (role, township, department)
USERS = {
    "it1": ("it", "", ""),
    "insp1": ("inspector", "", ""),
    "gaocun": ("township", "高村镇", ""),
    "shiqiao": ("township", "石桥乡", ""),
    "minzheng": ("department", "", "县民政局"),
    "viewer1": ("viewer", "", ""),
}
HEADER = ["姓名", "身份证号", "项目", "期间", "金额(元)", "发放日期", "发放部门", "乡镇", "村",
          "户编号"]
PLACES = [("石桥乡", "河湾村"), ("石桥乡", "石桥村"), ("龙潭镇", "龙潭村")]
ITEMS = [("农村最低生活保障金", "县民政局", "386.00"), ("城乡居民基础养老金", "县人社局", "188.00"),
         ("耕地地力保护补贴", "县农业农村局", "560.50"), ("高龄津贴", "县民政局", "150.00")]


def valid_id(n: int) -> str:
    """A valid (GB 11643) 18-digit ID number, distinct for each ``n``."""
    if not 0 <= n < 600:
        raise ValueError("n out of range: births must stay distinct and in the past")
    birth = date(1940, 1, 1) + timedelta(days=41 * n)  # up to 2007
    first17 = f"431227{birth:%Y%m%d}123"  # distinct births; never a "…000" Excel warning
    return first17 + check_digit(first17)


def township_rows() -> list[list[object]]:
    """Payments of 石桥乡 and 龙潭镇 over two years, 4 people a village."""
    rows: list[list[object]] = []
    n = 100
    for township, village in PLACES:
        for person in range(4):
            n += 1
            for year in (2024, 2025):
                item, department, amount = ITEMS[(person + year) % len(ITEMS)]
                rows.append([f"村民{n}", valid_id(n), item, f"{year}年3月", amount,
                             f"{year}-03-15", department, township, village, f"H{n}"])
    return rows


def write_xlsx(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    """A department workbook: title row, header, ``rows``."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "发放明细"
    sheet.append(["县民政局惠民资金发放表"])
    sheet.append(HEADER)
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def add_townships(engine: Engine, directory: Path) -> None:
    """Import :func:`township_rows` (all good) into the county."""
    path = write_xlsx(directory / "乡镇发放.xlsx", township_rows())
    result = import_payments(engine, path, ImportOptions(actor="it1"),
                             now=clock.now())
    assert result.imported and not result.bad, result.bad


def add_users(engine: Engine) -> None:
    """Every user of :data:`USERS`, with :data:`PASSWORD`."""
    for name, (role, township, department) in USERS.items():
        add_user(engine, name, role=role, township=township, department=department,
                 password=PASSWORD, actor="test", now=datetime.now(UTC))


def csrf_of(html: str) -> str:
    """The value of the first hidden ``csrf_token`` field of a page."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no csrf_token field on the page"
    return found.group(1)


def log_in(http: httpx.Client, name: str, password: str = PASSWORD,
           **headers: str) -> httpx.Response:
    """Post the login form as a browser would (GET /login first for its token)."""
    form = http.get("/login")
    return http.post("/login", data={"username": name, "password": password,
                                     "csrf_token": csrf_of(form.text)},
                     headers=headers, follow_redirects=False)


def file_complaint(http: httpx.Client, token: str, *, key: str, text: str) -> None:
    """Post a complaint as the terminal holding ``token``."""
    answer = http.post("/api/v1/complaints", headers={"Authorization": f"Bearer {token}"},
                       json={"idempotency_key": key, "ticket_no": f"T-{key[-4:]}",
                             "category": "not_received", "text": text,
                             "created_at": datetime.now(UTC).isoformat()})
    assert answer.status_code == 200, answer.text
