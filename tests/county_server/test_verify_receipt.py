"""A receipt printed by a terminal is verified by the county: CLI and the QR's web page."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlalchemy import Engine

from county_server.live import LiveServer

LONG = "43122619560322079X"


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """What `kiosk print receipt --json` says of a receipt printed by a demo terminal."""
    root = tmp_path_factory.mktemp("terminal")
    (root / "kiosk.toml").write_text("[store]\npath = 'kiosk.db'\n[enrollment]\n"
                                     "file = 'enrollment.json'\n", encoding="utf-8")
    run = [sys.executable, "-m", "kiosk.cli.main"]
    subprocess.run([*run, "db", "seed-demo", "--config", str(root / "kiosk.toml")],
                   check=True, capture_output=True, timeout=120)
    proc = subprocess.run([*run, "print", "receipt", LONG, "--name", "龙德贵", "--preview",
                           str(root / "r.png"), "--json", "--config", str(root / "kiosk.toml")],
                          check=True, capture_output=True, text=True, timeout=120)
    return dict(json.loads(proc.stdout))


@pytest.fixture(scope="module")
def receipt_url(printed: dict[str, object]) -> str:
    """The QR text of that printed receipt: a link to the county."""
    return str(printed["verify_url"])


def _tampered(url: str) -> str:
    # Claim a bigger total than the terminal signed.
    return url.replace("&t=", "&t=9", 1)


#: The two ways to run the county CLI: the installed script and the module.
COUNTY = {"script": [str(Path(sys.executable).with_name("county"))],
          "module": [sys.executable, "-m", "county.cli"]}


def _county(*args: str, how: str = "module") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*COUNTY[how], *args], capture_output=True, text=True, timeout=60)


def test_cli_vouches_for_a_genuine_receipt(receipt_url: str, seeded_url: str) -> None:
    proc = _county("verify-receipt", receipt_url, "--db", seeded_url, "--json")
    assert proc.returncode == 0, proc.stderr
    claim = json.loads(proc.stdout)
    assert claim["genuine"] is True
    assert claim["masked_id"] == "4312**********079X"
    assert claim["terminal_id"] == "DEMO-0001" and claim["total_paid_fen"] > 0


def test_cli_refuses_a_tampered_receipt(receipt_url: str, seeded_url: str) -> None:
    assert "&t=" in receipt_url
    proc = _county("verify-receipt", _tampered(receipt_url), "--db", seeded_url, "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["code"] == "receipt.bad_signature"


def test_cli_checks_the_offline_text_a_phone_saved_from_the_screen(
        printed: dict[str, object], seeded_url: str) -> None:
    text = str(printed["offline_text"])
    assert "http" not in text and "4312**********079X" in text
    proc = subprocess.run([*COUNTY["module"], "verify-receipt", "--text", "-", "--db",
                           seeded_url, "--json"], input=text, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    claim = json.loads(proc.stdout)
    assert claim["genuine"] is True and claim["total_paid_fen"] == printed["total_paid_fen"]
    forged = text.replace("合计已发 ", "合计已发 9")
    proc = subprocess.run([*COUNTY["module"], "verify-receipt", "--text", "-", "--db",
                           seeded_url, "--json"], input=forged, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 1 and json.loads(proc.stdout)["code"] == "receipt.bad_signature"


@pytest.mark.parametrize("how", sorted(COUNTY))
def test_cli_says_a_bad_url_in_one_line(seeded_url: str, how: str) -> None:
    proc = _county("verify-receipt", "https://example.org/not-a-receipt", "--db", seeded_url,
                   how=how)
    assert proc.returncode == 1
    assert proc.stdout == ""
    [line] = proc.stderr.splitlines()  # one line, never a traceback
    assert line.startswith("county verify-receipt: not a genuine receipt: ")
    assert "receipt.bad_url" in line


def test_the_qr_page_on_the_county_server(receipt_url: str, seeded_engine: Engine) -> None:
    parts = urlsplit(receipt_url)
    with LiveServer(seeded_engine) as server:
        with urllib.request.urlopen(f"{server.url}{parts.path}?{parts.query}",
                                    timeout=10) as answer:
            page = answer.read().decode("utf-8")
        assert "这张凭条是真的" in page and "4312**********079X" in page
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(f"{server.url}{parts.path}?{_tampered(parts.query)}",
                                   timeout=10)
        assert info.value.code == 400
        assert "无法证明这张凭条是真的" in info.value.read().decode("utf-8")
