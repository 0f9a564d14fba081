"""The console's roles (DESIGN.md §9), apart so the CLI can offer them without the database."""

from __future__ import annotations

__all__ = ["ROLES"]

ROLES = ("it", "inspector", "township", "department", "viewer")
