"""The error of publishing, trusting, pinning and withdrawing releases."""

from __future__ import annotations

__all__ = ["PublishError"]


class PublishError(Exception):
    """A release that cannot be published, trusted, pinned or withdrawn (message for people)."""
