"""Fetching the ledger's voucher images (issue 17): once each, resumable, checked.

The document images of the village's projects (村级工程, kiosk/projects.py) are
fetched the same way, from the same route, into the same directory.

After the changes are applied, every image a live ``ledger_entry`` (or project stage) names
and the terminal does not hold yet is downloaded to ``vouchers/<sha>.part``
(continuing a part left by a cut with ``Range``), refused past the entry's
``image_size`` (and :data:`~sync.protocol.ledger.MAX_IMAGE_BYTES`), checked
against its SHA-256, and only then renamed to ``<sha>.jpg`` for the screen.
A damaged or missing image is reported (``sync.voucher_damaged`` /
``sync.voucher_missing``) and thrown away; the other images are still
fetched, and the entries stay on screen without that picture.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, select

from kiosk.files import fsync_dir
from kiosk.ledger import voucher_dir
from kiosk.logfmt import log_event
from kiosk.projects import project_images
from kiosk.store.ledger_models import LedgerEntry
from sync.client import CountyClient
from sync.errors import NetworkError, ProtocolError, RejectedError, SyncError
from sync.protocol import API_PREFIX
from sync.protocol.ledger import IMAGE_PATH, MAX_IMAGE_BYTES

__all__ = ["VoucherResult", "fetch_vouchers"]

log = logging.getLogger("sync.vouchers")


@dataclass
class VoucherResult:
    """What one pass fetched, and the images it refused (sha → reason)."""

    fetched: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    removed: int = 0


def _wanted(engine: Engine) -> dict[str, int]:
    """Every image the ledger's entries and the projects' stages name: sha → size."""
    with engine.connect() as conn:
        rows = conn.execute(select(LedgerEntry.image_sha256, LedgerEntry.image_size)
                            .where(LedgerEntry.image_sha256 != "").distinct()).all()
        return {**project_images(conn), **{sha: size for sha, size in rows}}


def _download(client: CountyClient, sha: str, size: int, part: Path) -> int:
    """Bring ``part`` to the full image (resuming); returns the offset it resumed from
    (0: from the start). Raises SyncError."""
    offset = part.stat().st_size if part.exists() else 0
    if offset > size:
        part.unlink()
        offset = 0
    if offset == size:
        return offset
    url = API_PREFIX + IMAGE_PATH.format(sha256=sha)
    try:
        # The release download's resumable GET (Range) serves any file of the API.
        with client.release_chunks(url, offset) as (start, chunks), \
                part.open("r+b" if part.exists() else "wb") as out:
            out.seek(start)
            out.truncate()
            written = start
            for chunk in chunks:
                written += len(chunk)
                if written > size:
                    raise ProtocolError(f"voucher image {sha[:12]}: more than its "
                                        f"{size} bytes", code="sync.voucher_damaged")
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    except RejectedError as exc:
        if exc.status == 416:
            part.unlink(missing_ok=True)
        raise
    return start


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def fetch_vouchers(client: CountyClient, engine: Engine, db_path: Path) -> VoucherResult:
    """Fetch every missing voucher image; remove images no entry names any more.

    Raises SyncError after the pass when an image was refused (the others are
    kept), NetworkError at once on a cut (the part is kept for the next try).
    """
    directory = voucher_dir(db_path)
    directory.mkdir(parents=True, exist_ok=True)
    wanted = _wanted(engine)
    result = VoucherResult()
    for sha, size in sorted(wanted.items()):
        final, part = directory / f"{sha}.jpg", directory / f"{sha}.part"
        if final.exists():
            continue
        try:
            if not 0 < size <= MAX_IMAGE_BYTES:
                raise ProtocolError(f"voucher image {sha[:12]}: size {size} is over the "
                                    f"{MAX_IMAGE_BYTES}-byte cap", code="sync.voucher_damaged")
            resumed = _download(client, sha, size, part)
            if part.stat().st_size != size or _sha256(part) != sha:
                part.unlink()
                raise ProtocolError(f"voucher image {sha[:12]} is damaged (its bytes do not "
                                    "match the ledger's hash); thrown away, fetched again "
                                    "next time", code="sync.voucher_damaged")
            os.chmod(part, 0o644)
            os.replace(part, final)
            fsync_dir(directory)
            result.fetched.append(sha)
            log_event(log, logging.INFO, "voucher_fetched", sha=sha[:12], bytes=size,
                      resumed_at=resumed or None)
        except NetworkError:
            raise
        except SyncError as exc:
            if isinstance(exc, RejectedError) and exc.status == 404:
                exc = SyncError(f"voucher image {sha[:12]} is not on the county server",
                                code="sync.voucher_missing")
            result.refused[sha] = str(exc)
            log_event(log, logging.WARNING, "voucher_refused", sha=sha[:12], code=exc.code,
                      error=str(exc))
    for stale in directory.iterdir():
        if stale.name.split(".")[0] not in wanted:
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
                result.removed += 1
    if result.fetched or result.removed:
        log_event(log, logging.INFO, "vouchers_fetched", fetched=len(result.fetched),
                  removed=result.removed)
    if result.refused:
        first = next(iter(result.refused.values()))
        raise SyncError(f"{len(result.refused)} voucher image(s) refused: {first}",
                        code="sync.voucher_damaged")
    return result
