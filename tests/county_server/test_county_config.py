"""The county's one config reader: ``[county]`` of ``--config FILE``, checked by pydantic."""

from __future__ import annotations

from pathlib import Path

import pytest

from county.config import CountyConfig, CountyConfigError, load_county_config
from county.errors import CountyError


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "county.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_sets_nothing() -> None:
    assert load_county_config(None) == CountyConfig()


def test_every_key(tmp_path: Path) -> None:
    path = _file(tmp_path, '[county]\ndb = "sqlite:///c.db"\nsilent_hours = 12\n'
                           'releases = "/srv/releases"\n'
                           'db_replica = "postgresql+psycopg://county@replica/county"\n'
                           '[other]\nx = 1\n')
    assert load_county_config(path) == CountyConfig(
        db="sqlite:///c.db", db_replica="postgresql+psycopg://county@replica/county",
        silent_hours=12.0, releases=Path("/srv/releases"))


def test_a_file_without_the_table(tmp_path: Path) -> None:
    assert load_county_config(_file(tmp_path, "[kiosk]\nx = 1\n")) == CountyConfig()


@pytest.mark.parametrize(("text", "words"), [
    ("[county]\ndatabase = 'x'\n", "unknown key(s) database in [county] (known: db, "
                                    "db_replica, silent_hours, releases)"),
    ("[county]\ndb_replica = 'sqlite:///r.db'\n",
     "[county] db_replica must be a string (a PostgreSQL database URL), not 'sqlite:///r.db'"),
    ("[county]\ndb_replica = 5\n", "[county] db_replica must be a string (a PostgreSQL"),
    ("[county]\nrelease = 'x'\nzz = 1\n", "unknown key(s) release, zz in [county]"),
    ("[county]\ndb = 5\n", "[county] db must be a string (a database URL), not 5"),
    ("[county]\nsilent_hours = 0\n", "[county] silent_hours must be a number of hours above 0"),
    ("[county]\nsilent_hours = '6'\n", "[county] silent_hours must be a number"),
    ("[county]\nsilent_hours = true\n", "[county] silent_hours must be a number"),
    ("[county]\nreleases = ['a']\n", "[county] releases must be a string (a folder)"),
    ("county = 3\n", "county must be a table"),
    ("[county\n", "bad config"),
])
def test_errors_name_the_file_and_the_key(tmp_path: Path, text: str, words: str) -> None:
    path = _file(tmp_path, text)
    with pytest.raises(CountyConfigError) as info:
        load_county_config(path)
    assert str(info.value).startswith(f"bad config {path}: ")
    assert words in str(info.value)
    assert isinstance(info.value, CountyError) and info.value.code == "config.invalid"


def test_an_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(CountyConfigError, match=r"bad config .*missing\.toml"):
        load_county_config(tmp_path / "missing.toml")
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b"[county]\ndb = '\xe9'\n")
    with pytest.raises(CountyConfigError, match="bad config"):
        load_county_config(bad)
