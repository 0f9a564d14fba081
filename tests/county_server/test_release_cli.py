"""`county release …` in-process: keygen, build (wheels and a checkout), trust, publish, list."""

from __future__ import annotations

import argparse
import json
import stat
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from releases.helpers import make_wheels

from county.cli.main import build_parser
from county_server.cli_run import run
from sync.protocol.release import load_public_key, verify_bundle

# A PEP 517 backend inside the throwaway project: pip builds it offline with nothing installed.
_BACKEND = '''
import base64, hashlib, pathlib, re, zipfile

# The version line of pyproject.toml if there is one (as setuptools reads it), else fixed.
_LINE = re.search(r'^version = "([^"]*)"$', pathlib.Path("pyproject.toml").read_text(), re.M)
NAME, VERSION = "village_kiosk", _LINE.group(1) if _LINE else "{version}"
DIST = f"{{NAME}}-{{VERSION}}.dist-info"


def _record(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{{name}},sha256={{digest}},{{len(data)}}"


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    metadata = f"Metadata-Version: 2.1\\nName: village-kiosk\\nVersion: {{VERSION}}\\n"
    wheel = "Wheel-Version: 1.0\\nGenerator: tiny\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
    files = {{
        "tiny/__init__.py": pathlib.Path("tiny/__init__.py").read_bytes(),
        f"{{DIST}}/METADATA": metadata.encode(),
        f"{{DIST}}/WHEEL": wheel.encode(),
    }}
    record = [_record(n, d) for n, d in files.items()] + [f"{{DIST}}/RECORD,,"]
    files[f"{{DIST}}/RECORD"] = ("\\n".join(record) + "\\n").encode()
    name = f"{{NAME}}-{{VERSION}}-py3-none-any.whl"
    with zipfile.ZipFile(pathlib.Path(wheel_directory) / name, "w") as zf:
        for n, d in files.items():
            zf.writestr(n, d)
    return name
'''


def tiny_checkout(root: Path, version: str, *, version_lines: bool = False) -> Path:
    """A project whose wheel is village_kiosk ``version``; with ``version_lines`` it says
    so in ``pyproject.toml`` and ``kiosk/__init__.py`` as this project does."""
    (root / "tiny").mkdir(parents=True)
    (root / "tiny" / "__init__.py").write_text("X = 1\n")
    (root / "tiny_backend.py").write_text(_BACKEND.format(version=version))
    project = f'[project]\nname = "village-kiosk"\nversion = "{version}"\n' \
        if version_lines else ""
    (root / "pyproject.toml").write_text('[build-system]\nrequires = []\n'
                                         'build-backend = "tiny_backend"\nbackend-path = ["."]\n'
                                         + project)
    if version_lines:
        (root / "kiosk").mkdir()
        (root / "kiosk" / "__init__.py").write_text(f'"""Kiosk."""\n__version__ = "{version}"\n')
    return root


@pytest.fixture
def keys(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = run(capsys, "release", "keygen", "--out", str(tmp_path / "keys"))
    assert code == 0 and "keep it offline" in out
    return tmp_path / "keys"


def test_keygen_writes_a_private_key_only_its_owner_reads(
        keys: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert stat.S_IMODE((keys / "private.pem").stat().st_mode) == 0o600
    assert (keys / "public.pem").read_text().startswith("-----BEGIN PUBLIC KEY-----")
    before = (keys / "private.pem").read_bytes()
    code, _, err = run(capsys, "release", "keygen", "--out", str(keys))
    assert code == 1 and "refusing to overwrite" in err
    assert (keys / "private.pem").read_bytes() == before


def test_build_from_a_folder_of_wheels(tmp_path: Path, keys: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    wheels = tmp_path / "wheels"
    make_wheels(wheels, "1.4.0")
    out = tmp_path / "1.4.0.bundle"
    code, stdout, err = run(capsys, "release", "build", str(wheels), "--version", "1.4.0",
                            "--key", str(keys / "private.pem"), "--out", str(out),
                            "--channel", "pilot", "--expires-days", "30", "--json")
    assert code == 0, err
    manifest = json.loads(stdout)
    assert (manifest["version"], manifest["channel"]) == ("1.4.0", "pilot")
    verified = verify_bundle(out, load_public_key(keys / "public.pem"),
                             now=datetime.now(UTC), channel="pilot")
    assert verified.manifest.files[0].path == "wheels/village_kiosk-1.4.0-py3-none-any.whl"

    code, _, err = run(capsys, "release", "build", str(wheels), "--version", "1.5.0", "--key",
                       str(keys / "private.pem"), "--out", str(tmp_path / "x.bundle"))
    assert code == 1 and "the village-kiosk wheel is version 1.4.0, not 1.5.0" in err
    (wheels / "qrcode-8.0-py3-none-any.whl").write_bytes(b"x")
    code, _, err = run(capsys, "release", "build", str(wheels), "--version", "1.4.0", "--key",
                       str(keys / "private.pem"), "--out", str(tmp_path / "x.bundle"))
    assert code == 1 and "two wheels of qrcode" in err
    assert not (tmp_path / "x.bundle").exists()


def test_build_from_a_checkout_offline(tmp_path: Path, keys: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    checkout = tiny_checkout(tmp_path / "src", "2.0.1")
    empty = tmp_path / "no-deps"
    empty.mkdir()
    out = tmp_path / "2.0.1.bundle"
    args = ["release", "build", str(checkout), "--key", str(keys / "private.pem"),
            "--find-links", str(empty), "--no-build-isolation"]
    code, stdout, err = run(capsys, *args, "--version", "2.0.1", "--out", str(out))
    assert code == 0, err
    assert "release 2.0.1 (stable, 1 wheels" in stdout
    verified = verify_bundle(out, load_public_key(keys / "public.pem"), now=datetime.now(UTC))
    assert [f.path for f in verified.manifest.files] == [
        "wheels/village_kiosk-2.0.1-py3-none-any.whl"]

    code, _, err = run(capsys, *args, "--version", "2.0.2", "--out", str(tmp_path / "y"))
    assert code == 1 and "is version 2.0.1, not 2.0.2" in err


def test_build_from_a_checkout_sets_its_version(tmp_path: Path, keys: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    checkout = tiny_checkout(tmp_path / "src", "0.1.0", version_lines=True)
    before = {p: p.read_bytes() for p in checkout.rglob("*") if p.is_file()}
    empty = tmp_path / "no-deps"
    empty.mkdir()
    out = tmp_path / "1.4.0.bundle"
    code, stdout, err = run(capsys, "release", "build", str(checkout), "--version", "1.4.0",
                            "--key", str(keys / "private.pem"), "--find-links", str(empty),
                            "--no-build-isolation", "--out", str(out))
    assert code == 0, err
    assert "release 1.4.0 (stable, 1 wheels" in stdout
    verified = verify_bundle(out, load_public_key(keys / "public.pem"), now=datetime.now(UTC))
    assert [f.path for f in verified.manifest.files] == [
        "wheels/village_kiosk-1.4.0-py3-none-any.whl"]
    # The checkout itself is left as it was: the version went into a copy.
    assert {p: p.read_bytes() for p in checkout.rglob("*") if p.is_file()} == before
    code, _, err = run(capsys, "release", "build", str(checkout), "--version", "not a version",
                       "--key", str(keys / "private.pem"), "--out", str(tmp_path / "z"))
    assert code == 1 and "not a PEP 440 version" in err


def test_trust_publish_list_unpin_withdraw(tmp_path: Path, keys: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'county.db'}"]
    wheels = tmp_path / "wheels"
    make_wheels(wheels, "1.4.0")
    bundle = tmp_path / "1.4.0.bundle"
    assert run(capsys, "release", "build", str(wheels), "--version", "1.4.0", "--key",
               str(keys / "private.pem"), "--out", str(bundle))[0] == 0

    code, _, err = run(capsys, "release", "publish", "1.4.0", "--bundle", str(bundle), *db)
    assert code == 1 and "county release trust" in err
    code, out, err = run(capsys, "release", "trust", str(keys / "public.pem"), *db)
    assert code == 0 and "trusted" in out, err

    tampered = tmp_path / "tampered.bundle"
    data = bytearray(bundle.read_bytes())
    data[-1500] ^= 1
    tampered.write_bytes(bytes(data))
    code, _, err = run(capsys, "release", "publish", "1.4.0", "--bundle", str(tampered), *db)
    assert code == 1 and "release.file_mismatch" in err

    config = tmp_path / "county.toml"
    config.write_text(f'[county]\nreleases = "{tmp_path / "store"}"\n')
    code, out, err = run(capsys, "release", "publish", "1.4.0", "--bundle", str(bundle),
                         "--scope", "township:高村镇", "--config", str(config), *db)
    assert code == 0, err
    assert "published to township:高村镇" in out
    assert (tmp_path / "store" / "village-kiosk-1.4.0.bundle").read_bytes() == bundle.read_bytes()
    code, _, err = run(capsys, "release", "publish", "1.4.0", "--bundle", str(bundle),
                       "--scope", "village:青山村", *db)
    assert code == 1 and "use county, township:NAME or terminal:ID" in err
    pin_args = ["release", "publish", "1.4.0", "--bundle", str(bundle), "--scope", "county",
                "--pin"]
    code, _, err = run(capsys, *pin_args, "--pin-file", str(tmp_path / "none.pin"), *db)
    assert code == 1 and "county release pin 1.4.0" in err  # a pin must be signed
    pin = tmp_path / "1.4.0.pin"
    code, out, err = run(capsys, "release", "pin", "1.4.0", "--key", str(keys / "private.pem"),
                         "--scope", "township:高村镇", "--out", str(pin))
    assert code == 0 and "signed by key" in out, err
    code, _, err = run(capsys, *pin_args, "--pin-file", str(pin), *db)
    assert code == 1 and "not county: sign a pin for the scopes you pin" in err
    assert run(capsys, "release", "pin", "1.4.0", "--key", str(keys / "private.pem"),
               "--out", str(pin))[0] == 0
    code, out, err = run(capsys, *pin_args, "--pin-file", str(pin), "--json", *db)
    assert code == 0, err
    assert json.loads(out) == {
        "version": "1.4.0", "channel": "stable", "new_file": False, "scopes_added": ["county"],
        "terminals_in_scope": 0, "pinned": 0, "urgent": False,
        "path": str(tmp_path / "store" / "village-kiosk-1.4.0.bundle")}

    code, out, _ = run(capsys, "release", "list", "--json", *db)
    [row] = json.loads(out)
    assert (row["version"], row["scopes"], row["withdrawn_at"]) == (
        "1.4.0", ["township:高村镇", "county"], None)
    assert row["path"] == str(tmp_path / "store" / "village-kiosk-1.4.0.bundle")

    assert run(capsys, "release", "unpin", *db)[1].startswith("0 terminal(s) unpinned")
    code, out, _ = run(capsys, "release", "withdraw", "1.4.0", *db)
    assert code == 0 and "withdrawn" in out
    code, out, _ = run(capsys, "release", "list", *db)
    assert "1.4.0" in out and "WITHDRAWN" in out
    code, _, err = run(capsys, "release", "withdraw", "1.4.0", *db)
    assert code == 1 and "no published release 1.4.0" in err


def test_an_urgent_release_is_signed_urgent_and_listed_so(
        tmp_path: Path, keys: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'county.db'}"]
    wheels = tmp_path / "wheels"
    make_wheels(wheels, "1.4.0")
    make_wheels(tmp_path / "wheels-1.5.0", "1.5.0")
    urgent, normal = tmp_path / "1.5.0.bundle", tmp_path / "1.4.0.bundle"
    code, out, err = run(capsys, "release", "build", str(tmp_path / "wheels-1.5.0"),
                         "--version", "1.5.0", "--key", str(keys / "private.pem"), "--out",
                         str(urgent), "--urgent")
    assert code == 0, err
    assert "release 1.5.0 (stable, URGENT: terminals install it outside their window" in out
    assert run(capsys, "release", "build", str(wheels), "--version", "1.4.0", "--key",
               str(keys / "private.pem"), "--out", str(normal))[0] == 0
    key = load_public_key(keys / "public.pem")
    # In the signed manifest, so a terminal can trust it; absent when not urgent, so a
    # manifest that is not urgent reads as before.
    assert verify_bundle(urgent, key, now=datetime.now(UTC)).manifest.urgent is True
    checked = verify_bundle(normal, key, now=datetime.now(UTC))
    assert checked.manifest.urgent is False
    assert b"urgent" not in normal.read_bytes()[:8192]
    assert run(capsys, "release", "trust", str(keys / "public.pem"), *db)[0] == 0
    store = ["--releases-dir", str(tmp_path / "store")]
    code, out, err = run(capsys, "release", "publish", "1.5.0", "--bundle", str(urgent),
                         *store, *db)
    assert code == 0 and "(stable, URGENT: installed outside the terminals' window)" in out, err
    assert run(capsys, "release", "publish", "1.4.0", "--bundle", str(normal), *store,
               *db)[0] == 0
    code, out, _ = run(capsys, "release", "list", "--json", *db)
    assert {row["version"]: row["urgent"] for row in json.loads(out)} == {
        "1.5.0": True, "1.4.0": False}
    code, out, _ = run(capsys, "release", "list", *db)
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert lines["1.5.0"].endswith("URGENT") and "URGENT" not in lines["1.4.0"]


def test_publish_without_bundle_finds_the_built_file_then_the_stored_copy(
        tmp_path: Path, keys: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    workdir = tmp_path / "work"
    workdir.mkdir()
    monkeypatch.chdir(workdir)
    db = ["--db", f"sqlite:///{tmp_path / 'county.db'}"]
    wheels = tmp_path / "wheels"
    make_wheels(wheels, "1.4.0")
    # Without --out, build writes the bundle here under the name publish looks for.
    code, out, err = run(capsys, "release", "build", str(wheels), "--version", "1.4.0",
                         "--key", str(keys / "private.pem"))
    assert code == 0, err
    built = workdir / "village-kiosk-1.4.0.bundle"
    assert "written to village-kiosk-1.4.0.bundle" in out and built.is_file()
    assert run(capsys, "release", "trust", str(keys / "public.pem"), *db)[0] == 0

    code, out, err = run(capsys, "release", "publish", "1.4.0", "--scope", "township:高村镇",
                         *db)
    assert code == 0, err
    assert "published to township:高村镇" in out
    stored = tmp_path / "releases" / "village-kiosk-1.4.0.bundle"
    assert stored.read_bytes() == built.read_bytes()

    # Widening later, from wherever: the copy the county stored is published again.
    built.unlink()
    code, out, err = run(capsys, "release", "publish", "1.4.0", "--scope", "county", "--json",
                         *db)
    assert code == 0, err
    answer = json.loads(out)
    assert (answer["scopes_added"], answer["new_file"], answer["path"]) == (
        ["county"], False, str(stored))

    code, out, err = run(capsys, "release", "publish", "1.5.0", *db)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"county release: no bundle of release 1.5.0: neither "
        f"{workdir / 'village-kiosk-1.5.0.bundle'} nor "
        f"{tmp_path / 'releases' / 'village-kiosk-1.5.0.bundle'} exists (give --bundle FILE)"]


def test_keygen_and_build_take_config_like_every_county_command(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "county.toml"
    config.write_text(f'[county]\nreleases = "{tmp_path / "store"}"\n')
    keys = tmp_path / "keys"
    code, out, err = run(capsys, "release", "keygen", "--out", str(keys), "--config", str(config))
    assert code == 0 and "keep it offline" in out, err
    wheels = tmp_path / "wheels"
    make_wheels(wheels, "1.4.0")
    build = ["release", "build", str(wheels), "--version", "1.4.0",
             "--key", str(keys / "private.pem"), "--out", str(tmp_path / "b.bundle")]
    code, out, err = run(capsys, *build, "--config", str(config))
    assert code == 0 and "written to" in out, err
    # A broken config is an error, not silently ignored.
    broken = tmp_path / "broken.toml"
    broken.write_text("[county]\nrelease = 'typo'\n")
    code, _, err = run(capsys, *build, "--config", str(broken))
    assert code == 1 and "unknown key(s) release in [county]" in err
    code, _, err = run(capsys, "release", "keygen", "--out", str(tmp_path / "k2"),
                       "--config", str(broken))
    assert code == 1 and "bad config" in err and not (tmp_path / "k2").exists()

    def leaves(parser: argparse.ArgumentParser, path: str) -> Iterator[tuple[str, set[str]]]:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs or parser.get_default("handler") is not None:  # a command that runs
            yield path, {o for a in parser._actions for o in a.option_strings}
        for sub in subs:
            for name, child in sub.choices.items():
                yield from leaves(child, f"{path} {name}")

    # DESIGN.md §7: every command takes --config FILE.
    assert [p for p, opts in leaves(build_parser(), "county")
            if "--config" not in opts] == []
