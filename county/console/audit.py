"""The append-only audit log: who did what, when, from where, before → after.

Rows are only ever inserted (the database refuses UPDATE and DELETE, see
migration 0007). Record in the same transaction as the change it describes,
so that a change and its audit entry commit together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine, insert, select

from county.console.models import AuditEntry

__all__ = ["ACTION_WORDS", "AuditRow", "list_audit", "record"]

#: What each audited action is called on /audit (the code stays beside it, for filtering).
ACTION_WORDS = {
    "login.ok": "登录", "login.fail": "密码错误", "login.locked": "锁定期间尝试登录",
    "login.disabled": "停用账号尝试登录", "login.throttled": "地址尝试过多被拒",
    "logout": "退出", "user.add": "新建账号", "user.disable": "停用账号",
    "user.unlock": "解锁账号", "user.lock": "账号被锁定", "user.reset_password": "重设密码",
    "access.denied": "越权访问被拒", "csrf.refused": "表单校验失败被拒",
    "notice.publish": "发布公告", "notice.retire": "撤下公告", "import.run": "导入数据",
    "export": "导出表格", "id.reveal": "查看完整身份证号",
    "complaint.assign": "分派投诉", "complaint.start": "开始办理投诉",
    "complaint.draft": "拟写投诉答复", "complaint.approve": "审核发出投诉答复",
    "complaint.reply": "答复投诉", "complaint.close": "办结投诉",
    "complaint.escalate": "投诉提级", "complaint.register": "登记投诉",
    "complaint.listen": "收听投诉录音",
    "item.disclose": "设置公示期",
}


def _json(value: dict[str, Any] | None) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True,
                                               default=str)


def record(conn: Connection, *, actor: str, address: str, action: str, now: datetime,
           target: str = "", township: str = "", before: dict[str, Any] | None = None,
           after: dict[str, Any] | None = None) -> None:
    """Append one entry in the caller's transaction (``before``/``after`` as JSON objects)."""
    conn.execute(insert(AuditEntry).values(
        at=now, actor=actor[:80], address=address[:64], action=action, target=target[:200],
        township=township, before=_json(before), after=_json(after)))


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as /audit shows it."""

    id: int
    at: datetime
    actor: str
    address: str
    action: str
    target: str
    township: str
    before: str
    after: str


def list_audit(engine: Engine, *, limit: int = 200, before_id: int | None = None,
               action: str | None = None) -> list[AuditRow]:
    """Entries newest first, at most ``limit``, older than ``before_id`` if given."""
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(AuditEntry.id < before_id)
    if action:
        query = query.where(AuditEntry.action == action)
    with engine.connect() as conn:
        return [AuditRow(r.id, r.at, r.actor, r.address, r.action, r.target, r.township,
                         r.before, r.after) for r in conn.execute(query)]
