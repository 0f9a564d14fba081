"""People of two villages in a department file, for the person-key tests (issue 12)."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from kiosk.identity import check_digit

__all__ = ["VillagePerson", "people", "write_payments_csv"]


@dataclass(frozen=True)
class VillagePerson:
    """One payee: number, place, and the day and sequence an attacker would enumerate."""

    number: str
    township: str
    village: str
    birth: str  # YYYYMMDD
    sequence: int


def _number(birth: str, sequence: int) -> str:
    first17 = f"431226{birth}{sequence:03d}"
    return first17 + check_digit(first17)


def people(township: str, village: str, *, birth: str, count: int,
           first_sequence: int = 100) -> list[VillagePerson]:
    """``count`` people of a village, all born on ``birth``, sequences from ``first_sequence``."""
    return [VillagePerson(_number(birth, first_sequence + i * 7), township, village, birth,
                          first_sequence + i * 7) for i in range(count)]


def write_payments_csv(path: Path, payees: list[VillagePerson]) -> Path:
    """A 民政局 file: one 农村低保 payment a person, each their own household head."""
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["身份证号", "项目", "金额(元)", "发放日期", "发放部门", "乡镇", "村",
                         "户主身份证号"])
        for i, p in enumerate(payees):
            writer.writerow([p.number, "农村低保", f"{300 + i}.00", "2024-03-05", "县民政局",
                             p.township, p.village, p.number])
    return path
