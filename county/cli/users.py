"""`county user add | list | disable | unlock | reset-password`: web console accounts.

Passwords come from ``--password`` or are prompted for twice (never echoed).
Every change is in the console's audit log as done by ``cli:<login name>``
from ``local``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import pwd
from collections.abc import Callable
from typing import TYPE_CHECKING

from county.cli.common import (
    CliError,
    Subparsers,
    add_db_options,
    open_db,
    open_listing_db,
    print_json,
)
from county.console.errors import AccountError
from county.console.roles import ROLES
from kiosk import clock
from kiosk.textsafe import escape_controls as escape
from kiosk.timefmt import format_local

if TYPE_CHECKING:
    from county.console.accounts import User

__all__ = ["register"]


def _actor() -> str:
    try:
        login = pwd.getpwuid(os.getuid()).pw_name
    except KeyError:
        login = str(os.getuid())
    return f"cli:{login}"


def _password(args: argparse.Namespace, prompt: str = "Password: ") -> str:
    if args.password is not None:
        return str(args.password)
    first = getpass.getpass(prompt)
    if getpass.getpass("Again: ") != first:
        raise CliError("the two passwords differ")
    return first


def _plain(user: User) -> dict[str, object]:
    now = clock.now()
    return {"name": user.name, "role": user.role, "township": user.township,
            "department": user.department, "disabled": user.disabled,
            "locked": user.locked(now), "locked_until": user.locked_until}


def _add(args: argparse.Namespace) -> int:
    from county.console.accounts import add_user

    engine = open_db(args)
    try:
        user = add_user(engine, args.name, role=args.role, password=_password(args),
                        township=args.township or "", department=args.department or "",
                        actor=_actor(), address="local", now=clock.now())
    except AccountError as exc:
        raise CliError(str(exc)) from None
    if args.json:
        print_json(_plain(user))
    else:
        print(f"user {escape(user.name)} added ({user.role})")
    return 0


def _list(args: argparse.Namespace) -> int:
    from county import plain_lists
    from county.plainread import PlainDb

    db = open_listing_db(args)
    if isinstance(db, PlainDb):
        users = plain_lists.list_users(db)
    else:
        from county.console.accounts import list_users

        users = list_users(db)
    if args.json:
        print_json([_plain(u) for u in users])
        return 0
    now = clock.now()
    for u in users:
        state = "disabled" if u.disabled else (
            f"locked until {format_local(u.locked_until)}" if u.locked_until and u.locked(now)
            else "active")
        where = escape(u.township or u.department or "")
        print(f"{escape(u.name):20} {u.role:10} {where:16} {state}")
    return 0


def _change(action_name: str, verb: str) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        from county.console import accounts

        action: Callable[..., User] = getattr(accounts, action_name)
        try:
            user = action(open_db(args), args.name, actor=_actor(), address="local",
                          now=clock.now())
        except AccountError as exc:
            raise CliError(str(exc)) from None
        print(f"user {escape(user.name)} {verb}")
        return 0
    return run


def _reset(args: argparse.Namespace) -> int:
    from county.console.accounts import reset_password as reset_user_password

    engine = open_db(args)
    try:
        reset_user_password(engine, args.name, _password(args, "New password: "),
                            actor=_actor(), address="local", now=clock.now())
    except AccountError as exc:
        raise CliError(str(exc)) from None
    print(f"password of {escape(args.name)} reset; its sessions are ended")
    return 0


def register(sub: Subparsers) -> None:
    """Add `user` and its actions."""
    p = sub.add_parser("user", help="web console accounts (add, list, disable, unlock, "
                                    "reset-password)")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="create an account")
    add_db_options(add, json_output=True)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--township", help="the township of a township user")
    add.add_argument("--department", help="the department of a department user")
    add.add_argument("--password", help="the password (prompted for when not given)")
    add.set_defaults(handler=_add)
    ls = actions.add_parser("list", help="every account with its state")
    add_db_options(ls, json_output=True)
    ls.set_defaults(handler=_list)
    for name, action, verb, text in (
            ("disable", "disable_user", "disabled; its sessions are ended",
             "disable an account (out at its next request)"),
            ("unlock", "unlock_user", "unlocked (and enabled)",
             "lift a lock-out after wrong passwords, or re-enable")):
        q = actions.add_parser(name, help=text)
        add_db_options(q)
        q.add_argument("name", metavar="NAME")
        q.set_defaults(handler=_change(action, verb))
    rp = actions.add_parser("reset-password", help="set a new password (also unlocks)")
    add_db_options(rp)
    rp.add_argument("name", metavar="NAME")
    rp.add_argument("--password", help="the new password (prompted for when not given)")
    rp.set_defaults(handler=_reset)
