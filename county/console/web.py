"""The console's HTTP helpers: rendering, the logged-in viewer, CSRF, audit, downloads.

Every page handler asks :func:`viewer` (or :func:`require`) for the
logged-in user first and checks the role before it reads anything (STYLE
rule 31). Templates are Jinja2 with autoescape on: nothing from a terminal,
a department file or a user is ever marked safe. Assets are served from
``static/`` by this server; no page loads anything from elsewhere.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from county.console.accounts import User, session_user
from county.console.audit import record
from county.console.errors import ConsoleError, Forbidden
from county.spreadsheet import XLSX_MIME, xlsx_bytes
from county.tx import writing
from kiosk import clock
from kiosk.money import format_yuan
from kiosk.timefmt import format_local

__all__ = ["BODY_LIMITS", "LOGIN_CSRF_COOKIE", "SESSION_COOKIE", "CsrfRefused", "LoginNeeded",
           "Viewer", "audit", "client_address", "engine_of", "home_of", "posted", "render",
           "require", "xlsx_download"]

SESSION_COOKIE = "county_session"
LOGIN_CSRF_COOKIE = "county_login_csrf"
#: Request body limits above the API's, per console path (uploads of department files).
BODY_LIMITS = {"/imports/preview": 20 * 1024 * 1024}
_HERE = Path(__file__).parent
_env = Environment(loader=FileSystemLoader(_HERE / "templates"),
                   autoescape=select_autoescape(default=True, default_for_string=True))
_env.filters["yuan"] = lambda fen: format_yuan(int(fen))
_env.filters["thousands"] = lambda n: f"{int(n):,}"
_env.filters["local"] = lambda moment: "—" if moment is None else format_local(moment)


def client_address(request: Request) -> str:
    """The address a request came from (behind the proxy: its X-Forwarded-For)."""
    return request.client.host if request.client else ""


@dataclass(frozen=True)
class Viewer:
    """The logged-in user of one request, with the session's CSRF token and address."""

    user: User
    csrf_token: str
    address: str

    def township_filter(self, engine: Engine, asked: str, *, what: str) -> str:
        """The township a page may show: a township user's own, whatever was asked.

        A township user asking for another township gets :class:`Forbidden`,
        and the attempt is audited.
        """
        if self.user.role != "township":
            return asked
        if asked and asked != self.user.township:
            with writing(engine) as conn:
                record(conn, actor=self.user.name, address=self.address, now=clock.now(),
                       action="access.denied", target=what, township=asked)
            raise Forbidden(f"本账号只能查看{self.user.township}的数据。")
        return self.user.township


class LoginNeeded(ConsoleError):
    """No live session: the browser goes to /login."""

    code = "console.login_needed"


class CsrfRefused(ConsoleError):
    """A form arrived without the session's CSRF token."""

    code = "console.csrf"


def engine_of(request: Request) -> Engine:
    """The county database engine of the app serving ``request``."""
    engine: Engine = request.app.state.engine
    return engine


def viewer(request: Request) -> Viewer:
    """The logged-in user; raises :class:`LoginNeeded` without a live session."""
    token = request.cookies.get(SESSION_COOKIE, "")
    found = session_user(engine_of(request), token, now=clock.now()) if token else None
    if found is None:
        raise LoginNeeded("login needed")
    return Viewer(found[0], found[1], client_address(request))


def require(request: Request, *roles: str) -> Viewer:
    """The logged-in user if their role is one of ``roles``; else :class:`Forbidden`."""
    who = viewer(request)
    if who.user.role not in roles:
        raise Forbidden("您的账号角色无权查看此页面。")
    return who


async def checked_form(request: Request, who: Viewer) -> dict[str, Any]:
    """The posted form, after checking its ``csrf_token`` against the session's."""
    form = await request.form()
    sent = form.get("csrf_token")
    if not isinstance(sent, str) or not secrets.compare_digest(sent, who.csrf_token):
        await form.close()  # uploaded files are not read: let go of their temporary files
        await run_in_threadpool(audit, request, who, "csrf.refused", target=request.url.path)
        raise CsrfRefused("表单缺少有效的校验码（csrf_token），已拒绝。请刷新页面后重试。")
    return dict(form)


def audit(request: Request, who: Viewer, action: str, *, target: str = "", township: str = "",
          before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> None:
    """Append an audit entry for ``who`` in its own transaction."""
    with writing(engine_of(request)) as conn:
        record(conn, actor=who.user.name, address=who.address, now=clock.now(), action=action,
               target=target, township=township, before=before, after=after)


async def posted(request: Request, *roles: str) -> tuple[Viewer, dict[str, Any]]:
    """The viewer (role one of ``roles``) and its CSRF-checked form, for POST handlers."""
    who = await run_in_threadpool(require, request, *roles)
    return who, await checked_form(request, who)


def xlsx_download(request: Request, who: Viewer, name: str,
                  sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> Response:
    """An XLSX attachment of ``sheets`` (built in memory, never on disk), audited as export.

    The caller builds the rows with the same role and township limits as its page.
    """
    data = xlsx_bytes(sheets)
    audit(request, who, "export", target=f"{name}.xlsx", township=who.user.township)
    stamp = f"{clock.local_now():%Y%m%d-%H%M}"
    return Response(data, media_type=XLSX_MIME, headers={
        "Content-Disposition": f"attachment; filename*=UTF-8''{quote(f'{name}-{stamp}.xlsx')}",
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})


def home_of(user: User) -> str:
    """Where a user lands after logging in."""
    return "/imports" if user.role == "department" else "/dashboard"


NAV = (("/dashboard", "统计", ("it", "inspector", "township", "viewer")),
       ("/complaints", "投诉", ("inspector", "township", "viewer")),
       ("/terminals", "终端", ("it", "inspector", "township", "viewer")),
       ("/notices", "公告", ("it", "inspector", "township", "viewer")),
       ("/disclosure", "村务公开", ("it", "inspector", "township", "viewer")),
       ("/imports", "数据导入", ("it", "department", "inspector")),
       ("/leads", "问题线索", ("inspector", "township")),
       ("/cards", "红黄牌", ("it", "inspector", "township", "viewer")),
       ("/audit", "审计日志", ("it", "inspector")),
       ("/public", "公开页", ("it", "inspector", "township", "department", "viewer")))


def render(request: Request, template: str, *, who: Viewer | None = None, status: int = 200,
           **context: Any) -> HTMLResponse:
    """``template`` rendered with the viewer, its navigation and ``context``."""
    nav = [] if who is None else [(href, label) for href, label, roles in NAV
                                  if who.user.role in roles]
    query = {k: v for k, v in request.query_params.items() if k not in ("done", "error")}
    export_href = f"{request.url.path}?{urlencode({**query, 'format': 'xlsx'})}"
    html = _env.get_template(template).render(request_path=request.url.path, who=who, nav=nav,
                                              now=clock.now(), export_href=export_href,
                                              **context)
    return HTMLResponse(html, status_code=status, headers={
        "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin",
        "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
                                   "style-src 'self'; form-action 'self'; "
                                   "frame-ancestors 'none'"})
