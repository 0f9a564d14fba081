"""`kiosk db …` and `kiosk lookup` as a user runs them, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from reference import REFERENCE_AS_OF, REFERENCE_DAY, TODAY_ARGS

from demo.village import DemoVillage, card_profile

LONG = "43122619560322079X"


def kiosk(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kiosk.cli.main", *args], capture_output=True,
                          text=True, timeout=120, cwd=cwd)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A config + seeded demo database + card profiles, made through the CLI."""
    root = tmp_path_factory.mktemp("cli")
    (root / "kiosk.toml").write_text(
        "[store]\npath = 'kiosk.db'\n[enrollment]\nfile = 'enrollment.json'\n"
        "[log]\nlevel = 'DEBUG'\nfile = 'kiosk.log'\n", encoding="utf-8")
    proc = kiosk("db", "seed-demo", "--config", str(root / "kiosk.toml"), "--cards",
                 str(root / "cards"), *TODAY_ARGS)
    assert proc.returncode == 0, proc.stderr
    assert "households" in proc.stdout
    return root


def test_seed_writes_card_profiles(demo_dir: Path, demo_village: DemoVillage) -> None:
    files = sorted((demo_dir / "cards").glob("*.json"))
    assert len(files) == len(demo_village.people)
    profiles = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    assert card_profile(demo_village.person(LONG)) in profiles
    assert set(profiles[0]) == {"card_type", "name", "sex", "nation", "birth", "address",
                                "id_number", "issuer", "valid_from", "valid_to"}
    enrollment = demo_dir / "enrollment.json"
    assert enrollment.stat().st_mode & 0o777 == 0o600


def test_lookup_json(demo_dir: Path) -> None:
    proc = kiosk("lookup", LONG, "--json", "--config", str(demo_dir / "kiosk.toml"))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["holder"]["masked_id"] == "4312**********079X"
    assert data["years"][0]["year"] == REFERENCE_DAY.year
    assert any(p["item_code"] == "DIBAO" and p["household"] for p in data["years"][0]["payments"])


def test_lookup_table(demo_dir: Path) -> None:
    proc = kiosk("lookup", LONG, "--config", str(demo_dir / "kiosk.toml"))
    assert proc.returncode == 0, proc.stderr
    assert "4312**********079X" in proc.stdout
    assert "农村最低生活保障金（户）" in proc.stdout
    assert f"{REFERENCE_DAY.year}年  已发放合计 ¥" in proc.stdout
    assert LONG not in proc.stdout


def test_lookup_bad_check_digit(demo_dir: Path) -> None:
    proc = kiosk("lookup", "431226195603220791", "--config", str(demo_dir / "kiosk.toml"))
    assert proc.returncode == 2
    assert "check digit does not match (GB 11643)" in proc.stderr
    assert "431226195603220791" not in proc.stderr


def test_db_stats_json(demo_dir: Path) -> None:
    proc = kiosk("db", "stats", "--json", "--config", str(demo_dir / "kiosk.toml"))
    assert proc.returncode == 0, proc.stderr
    stats = json.loads(proc.stdout)
    assert stats["rows"]["payment"] > 20_000
    assert stats["data_as_of"] == REFERENCE_AS_OF.isoformat(), "20:00 in Beijing the day before"


def test_db_override_beats_config(demo_dir: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    proc = kiosk("db", "upgrade", "--config", str(demo_dir / "kiosk.toml"), "--db", str(other))
    assert proc.returncode == 0, proc.stderr
    assert other.exists()


def test_lookup_not_enrolled(tmp_path: Path) -> None:
    (tmp_path / "k.toml").write_text("[store]\npath = 'k.db'\n[enrollment]\nfile = 'e.json'\n",
                                     encoding="utf-8")
    proc = kiosk("lookup", LONG, "--config", str(tmp_path / "k.toml"))
    assert proc.returncode == 1
    assert "not enrolled" in proc.stderr


def test_seed_refuses_really_enrolled_terminal(tmp_path: Path) -> None:
    (tmp_path / "k.toml").write_text("[store]\npath = 'k.db'\n[enrollment]\nfile = 'e.json'\n",
                                     encoding="utf-8")
    (tmp_path / "e.json").write_text(json.dumps({
        "terminal_id": "T1", "token": "t", "lookup_key": "cmVhbCBjb3VudHkga2V5IDEyMzQ1Ng==",
        "server_url": "https://county.example", "release_public_key": "",
        "enrolled_at": "2026-01-01T00:00:00+00:00"}), encoding="utf-8")
    proc = kiosk("db", "seed-demo", "--config", str(tmp_path / "k.toml"))
    assert proc.returncode == 1
    assert "refusing to seed demo data" in proc.stderr


def test_privacy_no_plaintext_ids_in_db_or_log(demo_dir: Path,
                                              demo_village: DemoVillage) -> None:
    # Exercise the code paths that see ID numbers: lookups (table and JSON), a bad number.
    for person in [demo_village.person(LONG), *demo_village.people[:4]]:
        assert kiosk("lookup", person.id_number, "--config", str(demo_dir / "kiosk.toml")
                     ).returncode == 0
    kiosk("lookup", LONG[:-1] + "1", "--config", str(demo_dir / "kiosk.toml"))
    blobs = {name: (demo_dir / name).read_bytes() for name in ("kiosk.db", "kiosk.log")}
    wal = demo_dir / "kiosk.db-wal"
    if wal.exists():
        blobs["kiosk.db-wal"] = wal.read_bytes()
    # The log was really written to, and speaks of holders only in masked form.
    assert b"lookup for 4312**********079X" in blobs["kiosk.log"]
    assert blobs["kiosk.db"], "database file is empty?"
    for person in demo_village.people:
        needle = person.id_number.encode("ascii")
        for name, blob in blobs.items():
            assert needle not in blob, f"{name} contains a plaintext ID number"
            assert person.id_number[:17].encode() not in blob, f"{name} contains an ID prefix"
