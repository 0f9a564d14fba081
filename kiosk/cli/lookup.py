"""`kiosk lookup ID_NUMBER [--json]`: what the benefits screen would show."""

from __future__ import annotations

import argparse
import logging
from typing import TYPE_CHECKING

from kiosk.cli.common import (
    CliError,
    Subparsers,
    add_common_options,
    load_cli_config,
    open_cli_store,
    pad,
    print_json,
)
from kiosk.textsafe import say

if TYPE_CHECKING:
    from kiosk.config import Config
    from kiosk.lookup import LookupResult

__all__ = ["register", "render_table", "run_lookup"]

log = logging.getLogger(__name__)


def register(sub: Subparsers) -> None:
    """Add the `lookup` command."""
    p = sub.add_parser("lookup", help="show a person's benefits as the kiosk screen would")
    p.add_argument("id_number", metavar="ID_NUMBER", help="18-character resident ID number")
    p.add_argument("--json", action="store_true", help="print the documented JSON shape")
    add_common_options(p)
    p.set_defaults(handler=_lookup)
    from kiosk.cli.disclosure import register as register_disclosure

    register_disclosure(sub)  # `roll`, `powers`: the public screens' commands


def render_table(result: LookupResult) -> str:
    """The human-readable table of a lookup (Chinese headings, aligned columns)."""
    from kiosk.lookup import STATUS_LABELS_ZH
    from kiosk.money import format_yuan
    from kiosk.timefmt import format_local

    as_of = format_local(result.as_of) if result.as_of else "尚未同步"
    lines = [f"持卡人 {result.masked_id}   户号 {result.household_id or '-'}   数据更新于 {as_of}"]
    if not result.found:
        lines.append("没有查到您的补贴发放记录。如果您认为有误，可以在本机上投诉，或拨打 12388。")
        return "\n".join(lines)
    headers = ("项目", "期间", "发放日期", "金额", "状态", "发放部门")
    widths = (26, 22, 12, 14, 8, 20)
    for year in result.years:
        extra = ""
        if year.pending_fen:
            extra += f"，待发放 {format_yuan(year.pending_fen)}"
        if year.returned_fen:
            extra += f"，被退回 {format_yuan(year.returned_fen)}"
        lines.append("")
        lines.append(f"{year.year}年  已发放合计 {format_yuan(year.total_fen)}{extra}")
        lines.append("  " + "".join(pad(h, w, right=i == 3) + " " for i, (h, w) in
                                    enumerate(zip(headers, widths, strict=True))))
        for p in year.payments:
            name = p.item_name + ("（户）" if p.household else "")
            cells = (name, p.period, p.paid_on.isoformat(), format_yuan(p.amount_fen),
                     STATUS_LABELS_ZH.get(p.status, p.status), p.department)
            lines.append("  " + "".join(pad(c, w, right=i == 3) + " " for i, (c, w) in
                                        enumerate(zip(cells, widths, strict=True))).rstrip())
    return "\n".join(lines)


def run_lookup(args: argparse.Namespace, config: Config | None = None) -> LookupResult:
    """The lookup for ``args.id_number`` with the config, enrollment and store named by
    ``args`` (``--config``, ``--db``; ``config`` if already loaded). Raises
    :class:`CliError` (exit 2 for a bad ID)."""
    # Here, not at the top: `kiosk --help` must not pay for SQLAlchemy (kiosk.cli.main).
    from kiosk.cachefile import CacheFileError, ReadOnlyCache
    from kiosk.enrollment import EnrollmentError, load_enrollment
    from kiosk.identity import IdNumberError
    from kiosk.lookup import BenefitLookup

    config = config or load_cli_config(args)
    try:
        enrollment = load_enrollment(config.enrollment.file)
    except EnrollmentError as exc:
        raise CliError(str(exc)) from None
    # A current cache is read with plain sqlite3, read-only (no SQLAlchemy to import);
    # any other is opened (and migrated) through the store as on every start.
    cache = ReadOnlyCache(config.store.path, config.store.busy_timeout_ms)
    engine = None
    try:
        cache.raw_connection().close()
    except CacheFileError:
        engine = open_cli_store(config)
    lookup = BenefitLookup(engine or cache, enrollment.person_kdf or enrollment.lookup_key)
    try:
        return lookup.lookup(args.id_number)
    except IdNumberError as exc:
        raise CliError(f"{exc} [{exc.code}]", exit_code=2) from None
    finally:
        lookup.close()
        if engine is not None:
            engine.dispose()


def _lookup(args: argparse.Namespace) -> int:
    result = run_lookup(args)
    log.info("lookup for %s: %d payment(s) in %d year(s)", result.masked_id,
             sum(len(y.payments) for y in result.years), len(result.years))
    if args.json:
        print_json(result.to_json())
    else:
        for line in render_table(result).splitlines():  # department strings come from outside
            say(line)
    return 0
