"""`county release sign-rotation` (offline) and `county release rotate` (county server).

Replacing the release key so that enrolled terminals follow: sign a
rotation to the new key with the OLD private key, then have the county
trust the new key with that rotation (county/release_keys.py). Terminals
take it at their next offered release (sync/release_key_fetch.py).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from county.cli.common import CliError, add_config_option, add_db_options, open_db
from kiosk import clock
from kiosk.files import atomic_write_bytes
from kiosk.textsafe import say

__all__ = ["register_rotation"]


def _sign(args: argparse.Namespace) -> int:
    from sync.protocol.release import KeyFileError, key_id, load_private_key, load_public_key
    from sync.protocol.release.rotation import sign_rotation

    try:
        old = load_private_key(args.key)
        new = load_public_key(args.new)
    except (OSError, KeyFileError) as exc:
        raise CliError(str(exc)) from None
    if key_id(old.public_key()) == key_id(new):
        raise CliError("the new key is the old one")
    data = sign_rotation(old, new, now=clock.now())
    try:
        atomic_write_bytes(args.out, data, mode=0o644)
    except OSError as exc:
        raise CliError(f"{args.out}: {exc.strerror}") from None
    say(f"rotation from key {key_id(old.public_key())} to {key_id(new)} written to {args.out} "
        "(give it with the new public key to `county release rotate`)")
    return 0


def _rotate(args: argparse.Namespace) -> int:
    from county.release_keys import rotate_key
    from county.releases.errors import PublishError
    from sync.protocol.release import KeyFileError

    try:
        kid = rotate_key(open_db(args), args.public_key.read_bytes(), args.rotation.read_bytes())
    except (OSError, KeyFileError, PublishError) as exc:
        raise CliError(str(exc)) from None
    say(f"release key {kid} trusted through the signed rotation: publish bundles signed "
        "with it; enrolled terminals take it at their next offered release")
    return 0


def register_rotation(actions: Any) -> None:
    """Add `sign-rotation` and `rotate` to `county release`'s actions."""
    a = actions.add_parser("sign-rotation", help="sign a new release key with the old one "
                                                 "(offline machine)")
    add_config_option(a)
    a.add_argument("--key", type=Path, required=True, metavar="OLD_PRIVATE.pem")
    a.add_argument("--new", type=Path, required=True, metavar="NEW_PUBLIC.pem")
    a.add_argument("--out", type=Path, required=True, metavar="FILE")
    a.set_defaults(handler=_sign)

    a = actions.add_parser("rotate", help="trust a new release key signed by the trusted "
                                          "one (county server)")
    add_db_options(a)
    a.add_argument("public_key", type=Path, metavar="NEW_PUBLIC.pem")
    a.add_argument("--rotation", type=Path, required=True, metavar="FILE",
                   help="written by `county release sign-rotation`")
    a.set_defaults(handler=_rotate)
