"""Imports that say what they raise: a reference list stored and the rules run on it in one
transaction (rolled back for a dry run), and the rules run after a payment import."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, Engine

from county.collision.run import LeadView, RunResult, collide, lead_views
from county.importer.references import (
    ReferenceOptions,
    stage_reference_list,
    store_reference_list,
)
from county.importer.report import ImportResult
from county.payees import IdVault, load_vault
from county.tx import writing

__all__ = ["LeadPreview", "import_list", "leads_after_import", "raised_line"]


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
    result: RunResult = field(default_factory=RunResult)
    leads: list[LeadView] = field(default_factory=list)

    def __call__(self, conn: Connection) -> None:
        self.result = collide(conn, now=self.now, actor=self.actor)
        self.leads = lead_views(conn, self.vault, ids=self.result.new_ids)


def leads_after_import(engine: Engine, *, now: datetime, actor: str = "") -> RunResult:
    """Run every rule after a payment import and store the new leads."""
    with writing(engine) as conn:
        return collide(conn, now=now, actor=actor)


def raised_line(leads: RunResult, *, dry_run: bool) -> str:
    """The operator's line: ``本批次新增疑点 3 条`` with the rules that raised them."""
    per_rule = "、".join(f"{rule} {n} 条" for rule, n in sorted(leads.new_by_rule.items()))
    line = f"本批次新增疑点 {len(leads.new_ids)} 条" + (f"（{per_rule}）" if per_rule else "")
    if leads.closed:
        line += f"；{leads.closed} 条疑点的证据已不存在，已关闭"
    return line + ("（试运行，未保存）" if dry_run else "")
