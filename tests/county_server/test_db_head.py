"""The county database opens without Alembic when it is at the migration scripts' head.

Every `county` command opens the database: reading the head from the scripts'
text (county.db.plain_head) instead of loading Alembic and every script keeps
their start-up short (issue 20). Anything not plainly one chain goes to Alembic.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.config import Config
from alembic.script import ScriptDirectory

import county.db
from county.db import plain_head


def test_plain_head_is_alembics_head() -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(county.db.__file__).with_name(
        "migrations")))
    assert plain_head() == ScriptDirectory.from_config(config).get_current_head()


def _scripts(tmp_path: Path, headers: dict[str, str]) -> Path:
    (tmp_path / "versions").mkdir()
    for name, header in headers.items():
        (tmp_path / "versions" / f"{name}.py").write_text(
            f'"""{name}"""\n{header}\n\ndef upgrade() -> None:\n    pass\n', encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(("headers", "expected"), [
    ({"a": "revision: str = '0001'\ndown_revision: str | None = None",
      "b": "revision = \"0002\"\ndown_revision = '0001'"}, "0002"),
    # two heads (a branch the lead has not re-chained yet): Alembic decides
    ({"a": "revision = '0001'\ndown_revision = None", "b": "revision = '0002'\n"
      "down_revision = '0001'", "c": "revision = '0100'\ndown_revision = '0001'"}, None),
    # a merge revision names a tuple: not a plain line
    ({"a": "revision = '0001'\ndown_revision = None",
      "m": "revision = '0002'\ndown_revision = ('0001', '0003')"}, None),
    # a header the pattern does not read
    ({"a": "revision = make_id()\ndown_revision = None"}, None),
    # pointing at a revision no script has
    ({"a": "revision = '0002'\ndown_revision = '0001'"}, None),
])
def test_plain_head_only_for_one_plain_chain(headers: dict[str, str], expected: str | None,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(county.db, "_MIGRATIONS", _scripts(tmp_path, headers))
    assert plain_head() == expected
