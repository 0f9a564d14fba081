"""`county person-keys`: village terminals' person-key derivations (issue 12).

``status`` lists each village that has a derivation, its scrypt cost and how
many of its payees have a person key (the others are not on its terminals
until a file naming them is imported again); ``cost`` sets the cost new
villages get (county/person_keys.py).
"""

from __future__ import annotations

import argparse

from county.cli.common import CliError, Subparsers, add_db_options, open_db, print_json
from kiosk.textsafe import escape_controls as escape
from kiosk.textsafe import say

__all__ = ["register"]


def _status(args: argparse.Namespace) -> int:
    from county.person_keys import village_keys

    rows = village_keys(open_db(args))
    if args.json:
        print_json([{"township": r.township, "village": r.village, "n": r.n, "r": r.r,
                     "p": r.p, "generation": r.generation, "payees": r.payees,
                     "keyed": r.keyed, "missing": r.missing} for r in rows])
        return 0
    if not rows:
        say("no village has person keys yet (make a village enrollment code: "
            "county enroll new --village V --township T)")
    for r in rows:
        say(f"{escape(r.township)} {escape(r.village)}: scrypt N=2^{r.n.bit_length() - 1} "
            f"r={r.r} p={r.p} (generation {r.generation}); {r.keyed} of {r.payees} payees "
            f"keyed" + (f", {r.missing} not on its terminals until re-imported"
                        if r.missing else ""))
    return 0


def _cost(args: argparse.Namespace) -> int:
    from county.person_keys import set_default_cost
    from county.tx import writing
    from kiosk.person_key import PersonKdfError

    n = 1 << args.log2_n
    try:
        with writing(open_db(args)) as conn:
            set_default_cost(conn, n=n, r=args.r, p=args.p)
    except PersonKdfError as exc:
        raise CliError(str(exc)) from None
    say(f"villages given person keys from now on: scrypt N=2^{args.log2_n} r={args.r} "
        f"p={args.p} ({128 * n * args.r // (1024 * 1024)} MiB a derivation); villages that "
        "have one keep theirs")
    return 0


def register(sub: Subparsers) -> None:
    """Add `person-keys` and its actions."""
    actions = sub.add_parser("person-keys", help="village terminals' person-key derivations"
                             ).add_subparsers(dest="action", metavar="ACTION", required=True)
    cost = actions.add_parser("cost", help="the scrypt cost new villages get "
                                           "(~100 ms on a terminal: tests/bench/bench_theft.py)")
    cost.add_argument("--log2-n", type=int, required=True, help="N = 2^this (default 15)")
    cost.add_argument("--r", type=int, default=8, help="default 8")
    cost.add_argument("--p", type=int, default=1, help="default 1")
    add_db_options(cost)
    cost.set_defaults(handler=_cost)
    status = actions.add_parser("status", help="villages, their cost, payees keyed")
    add_db_options(status, json_output=True)
    status.set_defaults(handler=_status)
