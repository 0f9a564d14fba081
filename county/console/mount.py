"""Mounting the console on the county app: login, logout, error pages, static files, pages.

Apart from :mod:`county.console.web` (the helpers every page uses) so that
the page modules import the helpers and this module imports the pages, with
no import going back.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine
from starlette.concurrency import run_in_threadpool

from county.console import pages
from county.console.accounts import ROLES, log_in, log_out
from county.console.errors import Forbidden, LoginRefused
from county.console.web import (
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    CsrfRefused,
    LoginNeeded,
    audit,
    client_address,
    home_of,
    posted,
    render,
)
from county.voice import console as voice_console
from kiosk import clock

__all__ = ["mount_console"]

_STATIC = Path(__file__).parent / "static"


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _login_page(request: Request, *, error: str = "", status: int = 200,
                name: str = "") -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    response = render(request, "login.html", status=status, error=error, csrf_token=token,
                      name=name, next=request.query_params.get("next", ""))
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax",
                        secure=_secure(request), path="/login")
    return response


def _safe_next(target: str) -> str:
    # Only a path on this server: never an open redirect to another host.
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return ""


def mount_console(app: FastAPI, engine: Engine) -> None:
    """Add the console's pages, static files and error pages to the county ``app``."""
    app.mount("/static", StaticFiles(directory=_STATIC), name="console-static")

    @app.exception_handler(LoginNeeded)
    def _login_needed(request: Request, _exc: LoginNeeded) -> Response:
        target = quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        response = RedirectResponse(f"/login?next={target}", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    @app.exception_handler(Forbidden)
    def _forbidden(request: Request, exc: Forbidden) -> Response:
        return render(request, "error.html", status=403, title="无权访问", message=str(exc))

    @app.exception_handler(CsrfRefused)
    def _csrf(request: Request, exc: CsrfRefused) -> Response:
        return render(request, "error.html", status=403, title="表单已失效", message=str(exc))

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def get_login(request: Request) -> Response:
        return _login_page(request)

    @app.post("/login", response_class=HTMLResponse, include_in_schema=False)
    async def post_login(request: Request) -> Response:
        form = await request.form()
        name, password = str(form.get("username") or ""), str(form.get("password") or "")
        sent, expected = str(form.get("csrf_token") or ""), request.cookies.get(
            LOGIN_CSRF_COOKIE, "")
        if not expected or not secrets.compare_digest(sent, expected):
            return _login_page(request, status=403, name=name,
                               error="登录表单已失效（缺少校验码），请重新输入。")
        try:
            opened = await run_in_threadpool(log_in, engine, name.strip(), password,
                                             address=client_address(request), now=clock.now())
        except LoginRefused as exc:
            status = 429 if exc.reason in ("locked", "address") else 401
            return _login_page(request, error=str(exc), status=status, name=name)
        target = _safe_next(str(form.get("next") or "")) or home_of(opened.user)
        response = RedirectResponse(target, status_code=303)
        response.set_cookie(SESSION_COOKIE, opened.token, httponly=True, samesite="lax",
                            secure=_secure(request), path="/")
        response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
        return response

    @app.post("/logout", include_in_schema=False)
    async def post_logout(request: Request) -> Response:
        who, _form = await posted(request, *ROLES)
        await run_in_threadpool(log_out, engine, request.cookies.get(SESSION_COOKIE, ""))
        await run_in_threadpool(audit, request, who, "logout")
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(SESSION_COOKIE, path="/")
        return response

    app.include_router(pages.router)
    app.include_router(voice_console.router)
