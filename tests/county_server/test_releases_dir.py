"""Where `county release publish` keeps bundles: ``[county] releases``, never the working directory.

The issue this answers: on PostgreSQL, publishing from the USB stick stored
the bundle on the stick. The folder comes from ``--releases-dir``, else
``[county] releases`` of the config (relative: from the config file's
folder), else ``$VILLAGE_COUNTY_RELEASES``, else ``releases/`` next to an
SQLite file, else /var/lib/village-county/releases.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from releases.helpers import make_wheels
from sqlalchemy import create_engine

from county.cli.main import build_parser
from county.cli.release import DEFAULT_RELEASES, releases_dir
from county.config import load_county_config
from county_server.cli_run import run


def _dir_for(url: str, *extra: str) -> Path:
    args = build_parser().parse_args(["release", "publish", "1.4.0", "--db", url, *extra])
    engine = create_engine(url)  # not connected: only its URL is read
    try:
        return releases_dir(args, engine)
    finally:
        engine.dispose()


def test_the_folder_is_chosen_in_order_and_never_the_working_directory(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VILLAGE_COUNTY_RELEASES", raising=False)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.chdir(usb)
    postgres = "postgresql+psycopg://county@/county"
    sqlite = f"sqlite:///{tmp_path / 'db' / 'county.db'}"
    assert _dir_for(postgres) == DEFAULT_RELEASES == Path("/var/lib/village-county/releases")
    assert _dir_for(sqlite) == tmp_path / "db" / "releases"

    monkeypatch.setenv("VILLAGE_COUNTY_RELEASES", str(tmp_path / "env"))
    assert _dir_for(postgres) == tmp_path / "env"

    etc = tmp_path / "etc"
    etc.mkdir()
    config = etc / "county.toml"
    config.write_text('[county]\nreleases = "bundles"\n')
    assert load_county_config(config).releases == etc / "bundles"
    assert _dir_for(postgres, "--config", str(config)) == etc / "bundles"
    config.write_text(f'[county]\nreleases = "{tmp_path / "srv"}"\n')
    assert _dir_for(sqlite, "--config", str(config)) == tmp_path / "srv"

    assert _dir_for(postgres, "--config", str(config), "--releases-dir", "x") == usb / "x"


@pytest.mark.parametrize("backend", ["postgresql"])
def test_publish_on_postgresql_stores_the_bundle_in_the_configured_folder(
        county_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VILLAGE_COUNTY_RELEASES", raising=False)
    keys = tmp_path / "keys"
    assert run(capsys, "release", "keygen", "--out", str(keys))[0] == 0
    usb = tmp_path / "usb"  # the guide's flow: the bundle comes on a stick, run from there
    make_wheels(tmp_path / "wheels", "1.4.0")
    usb.mkdir()
    monkeypatch.chdir(usb)
    assert run(capsys, "release", "build", str(tmp_path / "wheels"), "--version", "1.4.0",
               "--key", str(keys / "private.pem"))[0] == 0
    on_stick = sorted(p.name for p in usb.iterdir())
    etc = tmp_path / "etc"
    etc.mkdir()
    config = etc / "county.toml"
    config.write_text(f'[county]\ndb = "{county_url}"\nreleases = "releases"\n')
    assert run(capsys, "release", "trust", str(keys / "public.pem"),
               "--config", str(config))[0] == 0

    # A folder that cannot be made: the error says which key sets it.
    code, out, err = run(capsys, "release", "publish", "1.4.0", "--config", str(config),
                         "--releases-dir", str(keys / "public.pem" / "sub"))
    assert code == 1 and out == ""
    assert "cannot store the bundle in" in err and "[county] releases" in err

    code, out, err = run(capsys, "release", "publish", "1.4.0", "--config", str(config),
                         "--json")
    assert code == 0, err
    stored = etc / "releases" / "village-kiosk-1.4.0.bundle"
    assert json.loads(out)["path"] == str(stored)
    assert stored.read_bytes() == (usb / "village-kiosk-1.4.0.bundle").read_bytes()
    assert sorted(p.name for p in usb.iterdir()) == on_stick  # nothing left on the stick
    code, out, _ = run(capsys, "release", "list", "--json", "--config", str(config))
    assert code == 0 and json.loads(out)[0]["path"] == str(stored)
