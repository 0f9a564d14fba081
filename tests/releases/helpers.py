"""Building good and deliberately bad bundles for the release tests."""

from __future__ import annotations

import base64
import io
import json
import os
import tarfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.protocol.release import Manifest, write_bundle

NOW = datetime(2026, 11, 22, 9, 0, tzinfo=UTC)
VERSION = "1.4.0"
PROJECT_WHEEL = f"village_kiosk-{VERSION}-py3-none-any.whl"
DEP_WHEEL = "qrcode-7.4.2-py3-none-any.whl"


def make_wheels(directory: Path, version: str = VERSION) -> list[Path]:
    """Two wheel-named files of random bytes (the reader never opens them as zips)."""
    directory.mkdir(parents=True, exist_ok=True)
    project = directory / f"village_kiosk-{version}-py3-none-any.whl"
    project.write_bytes(os.urandom(5000))
    dep = directory / DEP_WHEEL
    dep.write_bytes(os.urandom(1234))
    return [project, dep]


def good_bundle(tmp: Path, key: Ed25519PrivateKey, *, version: str = VERSION,
                channel: str = "stable", days: int = 90, now: datetime = NOW) -> Path:
    """A correct bundle signed with ``key``, created at ``now`` (default :data:`NOW`)."""
    out = tmp / f"village-kiosk-{version}-{channel}.bundle"
    write_bundle(out, make_wheels(tmp / f"wheels-{version}", version), version=version,
                 channel=channel, expires_at=now + timedelta(days=days), private_key=key, now=now)
    return out


@dataclass(frozen=True)
class Member:
    """A tar member to assemble: name, bytes and tar type (regular file unless told)."""

    name: str
    data: bytes = b""
    kind: bytes = tarfile.REGTYPE
    linkname: str = ""


def assemble(out: Path, members: Sequence[Member], *,
             fmt: int = tarfile.USTAR_FORMAT) -> Path:
    """Write ``members`` as a tar with the header fields write_bundle uses."""
    with tarfile.open(out, "w", format=fmt) as tar:
        for member in members:
            info = tarfile.TarInfo(member.name)
            info.type, info.linkname = member.kind, member.linkname
            info.size = len(member.data) if member.kind == tarfile.REGTYPE else 0
            info.mtime, info.mode, info.uid, info.gid = int(NOW.timestamp()), 0o644, 0, 0
            info.uname = info.gname = ""
            tar.addfile(info, io.BytesIO(member.data) if info.size else None)
    return out


def read_members(bundle: Path) -> list[Member]:
    """The members of a good bundle, to rebuild it with changes."""
    members = []
    with tarfile.open(bundle) as tar:
        for info in tar.getmembers():
            handle = tar.extractfile(info)
            assert handle is not None, info.name
            members.append(Member(info.name, handle.read()))
    return members


def resigned(bundle: Path, out: Path, key: Ed25519PrivateKey,
             edit: Callable[[dict[str, object]], None],
             members: Callable[[list[Member]], list[Member]] = lambda m: m) -> Path:
    """Rebuild ``bundle`` with its manifest changed by ``edit`` and signed again with ``key``."""
    original = read_members(bundle)
    manifest = json.loads(original[0].data)
    edit(manifest)
    manifest_bytes = json.dumps(manifest, sort_keys=True, indent=2).encode() + b"\n"
    signature = base64.b64encode(key.sign(manifest_bytes)) + b"\n"
    rebuilt = [Member("manifest.json", manifest_bytes), Member("manifest.sig", signature),
               *original[2:]]
    return assemble(out, members(rebuilt))


def manifest_of(bundle: Path) -> Manifest:
    """The bundle's manifest, parsed (without any check)."""
    return Manifest.model_validate_json(read_members(bundle)[0].data)
