"""The error of publishing, trusting, pinning and withdrawing releases."""

from __future__ import annotations

from county.errors import CountyError

__all__ = ["PublishError"]


class PublishError(CountyError):
    """A release that cannot be published, trusted, pinned or withdrawn (message for people)."""

    code = "release.refused"
