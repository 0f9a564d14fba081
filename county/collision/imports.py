"""Imports that say what they raise: a reference list stored and the rules run on it in one
transaction (rolled back for a dry run), and the rules run after a payment import."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from county.bulk import matching
from county.collision.models import Lead
from county.collision.run import LeadView, RunResult, collide, lead_views
from county.importer.references import (
    ReferenceOptions,
    stage_reference_list,
    store_reference_list,
)
from county.importer.report import ImportResult
from county.models import Payment
from county.payees import IdVault, load_vault

__all__ = ["LeadPreview", "import_list", "raised_line"]


def import_list(engine: Engine, path: Path, options: ReferenceOptions, *, now: datetime,
                actor: str = "") -> tuple[ImportResult, RunResult | None]:
    """Check ``path``, store its rows and run every rule in one transaction.

    Returns the import report and what the rules found (None when the file
    was refused). A dry run (``options.dry_run``) rolls everything back: the
    report and the leads are what the real import would give. Raises
    :class:`county.importer.sources.SourceError` / ``ValueError`` (see
    :func:`county.importer.references.stage_reference_list`).
    """
    vault = load_vault(str(engine.url))
    with engine.connect() as conn:
        tx = conn.execution_options(sqlite_begin="IMMEDIATE").begin()
        try:
            staged = stage_reference_list(conn, path, options, now=now)
            store_reference_list(conn, staged, vault, now=now)
            leads = collide(conn, now=now, actor=actor) if staged.result.imported else None
        except BaseException:
            tx.rollback()
            raise
        if options.dry_run:
            tx.rollback()
            staged.result.imported = False
        else:
            tx.commit()
    return staged.result, leads


@dataclass
class LeadPreview:
    """Runs the rules inside a payment import's transaction (``ImportOptions.after_store``)
    and keeps what they raised: the counts and the new leads (masked), read before a dry
    run's rollback."""

    vault: IdVault
    now: datetime
    actor: str = ""
    views: bool = True
    """Also read the new leads (masked); the console's import page shows counts only."""
    result: RunResult = field(default_factory=RunResult)
    leads: list[LeadView] = field(default_factory=list)

    def __call__(self, conn: Connection, batch: int | None) -> None:
        self.result = _about_batch(conn, collide(conn, now=self.now, actor=self.actor), batch)
        if self.views:
            self.leads = lead_views(conn, self.vault, ids=self.result.new_ids)


def _about_batch(conn: Connection, found: RunResult, batch: int | None) -> RunResult:
    """``found`` with only the new leads whose evidence has a payment of ``batch`` in
    ``new_ids`` and ``new_by_rule``; the others counted in ``unrelated``."""
    batch_rows = set() if batch is None else set(conn.execute(
        select(Payment.id).where(Payment.import_id == batch)).scalars())
    mine: list[int] = []
    by_rule: dict[str, int] = {}
    for where in matching(conn, Lead.id, found.new_ids):
        for r in conn.execute(select(Lead.id, Lead.rule, Lead.evidence).where(where)):
            if batch_rows.intersection(json.loads(r.evidence)["payments"]):
                mine.append(r.id)
                by_rule[r.rule] = by_rule.get(r.rule, 0) + 1
    return replace(found, new_ids=sorted(mine), new_by_rule=by_rule,
                   unrelated=len(found.new_ids) - len(mine))


def raised_line(leads: RunResult, *, dry_run: bool) -> str:
    """The operator's line: ``本批次新增疑点 3 条`` with the rules that raised them."""
    per_rule = "、".join(f"{rule} {n} 条" for rule, n in sorted(leads.new_by_rule.items()))
    line = f"本批次新增疑点 {len(leads.new_ids)} 条" + (f"（{per_rule}）" if per_rule else "")
    if leads.unrelated:
        line += f"；另有 {leads.unrelated} 条与本批次无关的疑点首次发现（此前未运行数据碰撞）"
    if leads.closed:
        line += f"；{leads.closed} 条疑点的证据已不存在，已关闭"
    return line + ("（试运行，未保存）" if dry_run else "")
