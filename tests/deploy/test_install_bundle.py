"""install.sh --bundle: the first release of a fresh terminal, from a real signed bundle.

The bundle holds a small stand-in for the project's wheel (a real wheel with a
`kiosk` console script that records how it was called), so the test builds a
real venv offline in seconds instead of installing Qt.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from deploy.install_run import install, snapshot
from sync.protocol.release import generate_private_key, write_bundle, write_keypair

VERSION = "9.9.9"
MARKER = b"# stand-in for the village-kiosk wheel: do not edit this line\n"


def _stand_in_wheel(directory: Path) -> Path:
    """village_kiosk-9.9.9: a `kiosk` that appends its argv to $KIOSK_CALLS and exits 0."""
    name = f"village_kiosk-{VERSION}"
    files = {
        "fakekiosk.py": MARKER + (b"import json, os, sys\n"
                                  b"def main():\n"
                                  b"    with open(os.environ['KIOSK_CALLS'], 'a') as f:\n"
                                  b"        f.write(json.dumps(sys.argv[1:]) + '\\n')\n"),
        f"{name}.dist-info/METADATA": (f"Metadata-Version: 2.1\nName: village-kiosk\n"
                                       f"Version: {VERSION}\n").encode(),
        f"{name}.dist-info/WHEEL": (b"Wheel-Version: 1.0\nGenerator: test\n"
                                    b"Root-Is-Purelib: true\nTag: py3-none-any\n"),
        f"{name}.dist-info/entry_points.txt": b"[console_scripts]\nkiosk = fakekiosk:main\n",
    }
    record = "".join(
        f"{path},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},"
        f"{len(data)}\n" for path, data in files.items())
    record += f"{name}.dist-info/RECORD,,\n"
    wheel = directory / f"{name}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_STORED) as zf:
        for path, data in files.items():
            zf.writestr(path, data)
        zf.writestr(f"{name}.dist-info/RECORD", record)
    return wheel


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(bundle, public.pem) signed with a fresh county key."""
    work = tmp_path_factory.mktemp("bundle")
    key = generate_private_key()
    _, public = write_keypair(work / "keys", key)
    out = work / f"village-kiosk-{VERSION}.tar"
    write_bundle(out, [_stand_in_wheel(work)], version=VERSION, channel="stable",
                 expires_at=datetime.now(UTC) + timedelta(days=30), private_key=key)
    return out, public


def test_first_release_installed_verified_and_current(bundle: tuple[Path, Path],
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path, public = bundle
    calls = tmp_path / "calls"
    monkeypatch.setenv("KIOSK_CALLS", str(calls))
    root = tmp_path / "root"
    done = install(root, "--bundle", str(path), "--pubkey", str(public))
    assert done.returncode == 0, done.stdout + done.stderr
    release = root / "opt/village-kiosk/releases" / VERSION
    assert (release / "VERIFIED").is_file()
    assert json.loads((release / "manifest.json").read_text())["version"] == VERSION
    assert (root / "opt/village-kiosk/current").readlink() == Path("releases") / VERSION
    assert (release / "venv/bin/kiosk").exists()
    # The release's own verifier made the complete check before VERIFIED was written.
    assert json.loads(calls.read_text().splitlines()[0]) == [
        "update", "verify", str(path), "--pubkey", str(public)]
    assert (root / "etc/village-kiosk/release-public.pem").read_bytes() == public.read_bytes()
    assert 'pubkey = "/etc/village-kiosk/release-public.pem"' in \
        (root / "etc/village-kiosk/kiosk.toml").read_text()
    before = snapshot(root)
    again = install(root, "--bundle", str(path), "--pubkey", str(public))
    assert again.returncode == 0, again.stderr
    assert "nothing to change" in again.stdout
    assert snapshot(root) == before


def test_wrong_key_refused_before_anything_runs(bundle: tuple[Path, Path],
                                                tmp_path: Path) -> None:
    path, _ = bundle
    _, other = write_keypair(tmp_path / "other")
    root = tmp_path / "root"
    done = install(root, "--bundle", str(path), "--pubkey", str(other))
    assert done.returncode == 1
    assert "bad signature" in done.stderr
    assert not (root / "opt/village-kiosk/releases" / VERSION).exists()
    assert not (root / "opt/village-kiosk/current").exists()


def test_tampered_wheel_refused(bundle: tuple[Path, Path], tmp_path: Path) -> None:
    path, public = bundle
    data = path.read_bytes()
    at = data.index(MARKER)
    tampered = tmp_path / path.name
    tampered.write_bytes(data[:at] + b"#!" + data[at + 2:])
    root = tmp_path / "root"
    done = install(root, "--bundle", str(tampered), "--pubkey", str(public))
    assert done.returncode == 1
    assert "file mismatch" in done.stderr
    assert not (root / "opt/village-kiosk/releases" / VERSION).exists()


def test_truncated_bundle_refused(bundle: tuple[Path, Path], tmp_path: Path) -> None:
    path, public = bundle
    cut = tmp_path / path.name
    cut.write_bytes(path.read_bytes()[:700])
    root = tmp_path / "root"
    done = install(root, "--bundle", str(cut), "--pubkey", str(public))
    assert done.returncode == 1
    assert not (root / "opt/village-kiosk/current").exists()
