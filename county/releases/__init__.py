"""Published software releases: trust the signing key, publish, scope, pin, offer, serve.

``models`` the tables; ``scope`` release scopes and :func:`~county.releases.scope.covers`,
the one predicate "this scope covers this terminal"; ``verify`` the trusted
key and the checks of a bundle and a signed pin; ``store`` the bundle file in
the releases folder; ``records`` publishing, listing, unpinning and
withdrawing (the database writes); ``offers`` which release a terminal is
offered in its heartbeat answer and which bundle it may download;
``download`` the HTTP Range serving of ``GET /api/v1/releases/{version}``;
``build`` `county release build` (the offline machine, no database). The
county never signs anything: the private key stays offline with IT staff.

The names below are the package's interface; ``build`` and ``download`` are
imported on their own (they need neither the database nor the key).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.lazy_names import lazy_names

# Each name loads from its module on first use (PEP 562): `county release list` needs the
# records, not the signature checks (cryptography) nor the terminals' offers.
if TYPE_CHECKING:
    from county.releases.errors import PublishError
    from county.releases.offers import StoredBundle, offer_for, release_for_download
    from county.releases.records import (
        PublishResult,
        ReleaseRow,
        UnpinResult,
        list_releases,
        publish,
        stored_bundle,
        unpin,
        withdraw,
    )
    from county.releases.scope import Scope, parse_scope
    from county.releases.store import bundle_file_name
    from county.releases.verify import PUBLIC_KEY_STATE, trust_key, trusted_key

__all__ = [
    "PUBLIC_KEY_STATE",
    "PublishError",
    "PublishResult",
    "ReleaseRow",
    "Scope",
    "StoredBundle",
    "UnpinResult",
    "bundle_file_name",
    "list_releases",
    "offer_for",
    "parse_scope",
    "publish",
    "release_for_download",
    "stored_bundle",
    "trust_key",
    "trusted_key",
    "unpin",
    "withdraw",
]

#: The module of this package each name lives in.
_HOME = {"PublishError": "errors", "StoredBundle": "offers", "offer_for": "offers",
         "release_for_download": "offers", "Scope": "scope", "parse_scope": "scope",
         "bundle_file_name": "store", "PUBLIC_KEY_STATE": "verify", "trust_key": "verify",
         "trusted_key": "verify",
         **dict.fromkeys(("PublishResult", "ReleaseRow", "UnpinResult", "list_releases",
                          "publish", "stored_bundle", "unpin", "withdraw"), "records")}


__getattr__, __dir__ = lazy_names(__name__, _HOME)
