"""What county.db knows without SQLAlchemy: the default URL and the newest migration.

The newest migration is read from the scripts' text (no Alembic): county.db
checks a database against it before loading Alembic, and the command line's
plain listings (county/plainread.py) before reading a database without SQLAlchemy.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

__all__ = ["DEFAULT_URL", "MIGRATIONS", "default_url", "scripts_head"]

DEFAULT_URL = "sqlite:///county.db"

#: The Alembic script directory of the county database.
MIGRATIONS = Path(__file__).with_name("migrations")



def default_url() -> str:
    """``$VILLAGE_COUNTY_DB`` if set, else :data:`DEFAULT_URL`."""
    return os.environ.get("VILLAGE_COUNTY_DB") or DEFAULT_URL


#: A migration script's ``revision = '0007'`` / ``down_revision: str | None = '0006'`` line.
_HEADER = re.compile(r"""^(revision|down_revision)\s*(?::[^=\n]*)?=\s*"""
                     r"""(?:None|'([^'\n]*)'|"([^"\n]*)")\s*$""", re.MULTILINE)


def scripts_head(versions: Path) -> str | None:
    """The newest migration as the scripts' text names it, read without importing them.

    Each file's ``revision`` and ``down_revision`` lines are read; None when the
    chain is not one plain line of single revisions (a merge, a tuple, a header
    written otherwise): then Alembic decides. A test checks it against Alembic's head.
    """
    revisions: set[str] = set()
    downs: set[str] = set()
    for path in versions.glob("*.py"):
        fields = {m.group(1): m.group(2) or m.group(3)
                  for m in _HEADER.finditer(path.read_text(encoding="utf-8"))}
        revision = fields.get("revision")
        if not revision or "down_revision" not in fields or revision in revisions:
            return None
        revisions.add(revision)
        if fields["down_revision"]:
            downs.add(str(fields["down_revision"]))
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 and downs <= revisions else None
