"""``manifest.json``: what a release is, and the hash of every file in its bundle.

The manifest is the signed part of a bundle (docs/releases.md, "Manifest"):
:class:`Manifest` validates one strictly (pydantic, unknown keys refused) and
:meth:`Manifest.to_bytes` gives the one canonical form that is signed. Pure
code, no I/O.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Literal

from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_serializer,
    field_validator,
    model_validator,
)

from sync.protocol.messages import CHANNEL_PATTERN
from sync.protocol.release.tar import MAX_MEMBERS, MAX_PATH_BYTES, WHEEL_PATH_RE

__all__ = [
    "DEFAULT_CHANNEL",
    "FORMAT",
    "MAX_MANIFEST_BYTES",
    "PRODUCT",
    "BundleFile",
    "Manifest",
    "first_error",
]

#: The bundle format this module reads and writes (``manifest.json`` ``format``).
FORMAT: Literal[1] = 1
#: The distribution a bundle installs (``requirement`` is ``PRODUCT==version``).
PRODUCT: Literal["village-kiosk"] = "village-kiosk"
DEFAULT_CHANNEL = "stable"
#: A manifest larger than this is refused unread (thousands of wheels fit in far less).
MAX_MANIFEST_BYTES = 1 << 20

# --- the manifest ---------------------------------------------------------------------------

class BundleFile(BaseModel):
    """One member of the bundle besides the manifest and its signature."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = Field(pattern=WHEEL_PATH_RE, max_length=MAX_PATH_BYTES)
    size: int = Field(ge=0, le=(1 << 33) - 1, description="bytes (below 8 GiB: ustar)")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")

    @field_validator("path")
    @classmethod
    def _wheel_name(cls, value: str) -> str:
        try:
            parse_wheel_filename(value.removeprefix("wheels/"))
        except (InvalidWheelFilename, InvalidVersion) as exc:
            raise ValueError(f"not a wheel file name: {exc}") from None
        return value


class Manifest(BaseModel):
    """``manifest.json``, format 1: what the release is and the hash of every file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal[1]
    product: Literal["village-kiosk"]
    version: str = Field(max_length=64, description="PEP 440, in normalised form")
    channel: str = Field(pattern=CHANNEL_PATTERN)
    created_at: AwareDatetime
    expires_at: AwareDatetime
    python: str = Field(pattern=r"^cp3[0-9]{1,2}$")
    requirement: str
    key_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    files: tuple[BundleFile, ...] = Field(min_length=1, max_length=MAX_MEMBERS)
    urgent: bool = Field(default=False, description=(
        "the county asks terminals to install it outside their install window (never "
        "during a villager session); written only when true, so a manifest that is not "
        "urgent reads as before to terminals that do not know the field"))

    @field_validator("version")
    @classmethod
    def _pep440(cls, value: str) -> str:
        try:
            normal = str(Version(value))
        except InvalidVersion:
            raise ValueError(f"{value!r} is not a PEP 440 version") from None
        # The normalised form is also a safe directory name on the terminal (releases/V/).
        if normal != value:
            raise ValueError(f"version {value!r} is not in normalised form (write {normal!r})")
        return value

    @field_serializer("created_at", "expires_at")
    def _utc_z(self, value: datetime) -> str:
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    @model_validator(mode="after")
    def _consistent(self) -> Manifest:
        if self.requirement != f"{PRODUCT}=={self.version}":
            raise ValueError(f"requirement must be {PRODUCT}=={self.version}")
        if self.expires_at <= self.created_at:
            raise ValueError("expires_at is not after created_at")
        paths = [f.path for f in self.files]
        if len(set(paths)) != len(paths):
            raise ValueError("a file is listed twice")
        if not any(_is_project_wheel(p, self.version) for p in paths):
            raise ValueError(f"no {PRODUCT} {self.version} wheel among the files")
        return self

    @property
    def parsed_version(self) -> Version:
        """``version`` as a comparable :class:`packaging.version.Version`."""
        return Version(self.version)

    def to_bytes(self) -> bytes:
        """The canonical stored form: UTF-8 JSON, sorted keys, two-space indent, final newline."""
        body = self.model_dump(mode="json", exclude=None if self.urgent else {"urgent"})
        text = json.dumps(body, sort_keys=True, indent=2, ensure_ascii=False)
        return (text + "\n").encode("utf-8")


def _is_project_wheel(path: str, version: str) -> bool:
    name, wheel_version, _build, _tags = parse_wheel_filename(path.removeprefix("wheels/"))
    return name == canonicalize_name(PRODUCT) and wheel_version == Version(version)


def first_error(exc: ValidationError) -> str:
    """The first problem pydantic found, as ``where: what``."""
    err = exc.errors()[0]
    where = ".".join(str(part) for part in err["loc"]) or "manifest"
    return f"{where}: {err['msg']}"
