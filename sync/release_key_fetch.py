"""The terminal's release key from the county: taken when it has none, rotated when signed.

Before syncd fetches an offered release it asks the county for its release
key (``GET /api/v1/release-key``, with the terminal's token). A terminal
enrolled before the county trusted a key holds none and takes the county's:
the same trust as enrollment, which hands the key out over the same
authenticated channel. A terminal that holds a key accepts another only at
the end of rotation statements each signed by the key before
(sync.protocol.release.rotation); otherwise it keeps its key and the release
is refused with ``release.bad_rotation``, which the heartbeat reports. The
key is kept in the enrollment file, where both syncd and root's installer
read it (sync.protocol.release.trust). A terminal with ``[update] pubkey``
set uses that file only: nothing is fetched.
"""

from __future__ import annotations

import dataclasses
import logging

from kiosk.config import Config
from kiosk.enrollment import EnrollmentError, load_enrollment, save_enrollment
from kiosk.logfmt import log_event
from sync.client import CountyClient
from sync.errors import ProtocolError, RejectedError, SyncError
from sync.protocol.release import KeyFileError, ReleaseError, key_id, public_key_b64
from sync.protocol.release import public_key_from_text as key_from_text
from sync.protocol.release.rotation import follow_rotations

__all__ = ["refresh_release_key"]

log = logging.getLogger("sync.release_key")


def refresh_release_key(client: CountyClient, config: Config) -> str:
    """Bring the enrollment's release key to the county's, if trusted; returns what happened:
    ``file`` (``[update] pubkey`` rules), ``none`` (not enrolled, or the county has no key
    or no such route), ``same``, ``taken`` (had none) or ``rotated``.

    One small request; blocks for it. Raises SyncError: network faults,
    ProtocolError for a key that is not one, ``release.bad_rotation`` (the
    county's key is not signed over from ours: ours is kept), ``OSError``
    when the enrollment file cannot be written.
    """
    if config.update.pubkey is not None:
        return "file"
    try:
        enrollment = load_enrollment(config.enrollment.file)
    except EnrollmentError:
        return "none"
    try:
        answer = client.release_key()
    except RejectedError as exc:
        if exc.status == 404:  # a county older than key distribution
            return "none"
        raise
    if not answer.public_key:
        return "none"
    try:
        county_key = key_from_text(answer.public_key)
    except KeyFileError as exc:
        raise ProtocolError(f"GET /release-key: {exc}") from None
    if enrollment.release_public_key:
        try:
            held = key_from_text(enrollment.release_public_key)
        except KeyFileError as exc:
            raise SyncError(f"the enrollment's release key is unusable: {exc}",
                            code="update.no_key") from None
        if public_key_b64(held) == public_key_b64(county_key):
            return "same"
        try:
            follow_rotations(held, county_key, answer.rotations)
        except ReleaseError as exc:
            log_event(log, logging.WARNING, "release_key_refused", held=key_id(held),
                      county=key_id(county_key), code=str(exc.code))
            raise SyncError(exc.message, code=str(exc.code)) from None
        action = "rotated"
    else:
        action = "taken"
    save_enrollment(config.enrollment.file, dataclasses.replace(
        enrollment, release_public_key=public_key_b64(county_key)))
    log_event(log, logging.INFO, f"release_key_{action}", key=key_id(county_key))
    return action
