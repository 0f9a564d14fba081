"""`kiosk print test|receipt` end to end: seeded store → receipt → emulated printer / PNG."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pyzbar.pyzbar import ZBarSymbol
from pyzbar.pyzbar import decode as decode_codes

from demo.village import DEMO_LOOKUP_KEY, DemoVillage, card_profile
from drivers.printer.emulator import EmulatedPrinter, Fault
from drivers.printer.raster import decode_raster
from kiosk.cli.main import main
from kiosk.enrollment import Enrollment, save_enrollment
from kiosk.receipt import verify_receipt_url

WIFE_NAME = "刘䶮"
HEAD = "43122619560322079X"


@pytest.fixture
def config(tmp_path: Path, seeded_db: Path) -> Path:
    """A terminal config on the seeded demo store, enrolled with the demo key."""
    save_enrollment(tmp_path / "enrollment.json",
                    Enrollment("DEMO-0001", "t", DEMO_LOOKUP_KEY, "http://127.0.0.1:8470", "",
                               datetime.now(UTC)))
    path = tmp_path / "kiosk.toml"
    path.write_text(f"[terminal]\ncode = 'DEMO01'\nvillage = '青山村'\n"
                    f"[store]\npath = '{seeded_db}'\n[enrollment]\nfile = 'enrollment.json'\n"
                    # Long enough for the emulator's thread on a loaded machine; the
                    # no-answer case waits it out once.
                    "[printer]\nstatus_timeout_ms = 3000\njob_timeout_s = 10\n",
                    encoding="utf-8")
    return path



def test_receipt_to_emulator_with_preview(config: Path, tmp_path: Path, emulator: EmulatedPrinter,
                                          demo_village: DemoVillage,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    wife = next(p for p in demo_village.people if p.name == WIFE_NAME)
    card = tmp_path / "card.json"
    card.write_text(json.dumps(card_profile(wife), ensure_ascii=False), encoding="utf-8")
    preview = tmp_path / "preview.png"
    code = main(["print", "receipt", wife.id_number, "--config", str(config), "--card", str(card),
                 "--printer", emulator.uri, "--preview", str(preview), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 0
    assert out["printer_state"] == "ready"
    printed = decode_raster(emulator.received)
    with Image.open(preview) as saved:
        assert saved.size == printed.size and saved.width == 576
        assert ImageChops.difference(saved.convert("L"), printed.convert("L")).getbbox() is None
    urls = [c.data.decode() for c in decode_codes(printed.convert("L"),
                                                  symbols=[ZBarSymbol.QRCODE])]
    assert urls == [out["verify_url"]]
    claim = verify_receipt_url(urls[0], DEMO_LOOKUP_KEY)
    assert claim.masked_id == wife.id_number[:4] + "**********" + wife.id_number[-4:]
    assert claim.total_paid_fen == out["total_paid_fen"] > 0
    assert claim.terminal_id == "DEMO-0001"
    assert wife.id_number.encode() not in emulator.received  # only the masked number is printed


def test_receipt_58mm_text_mode(config: Path, emulator: EmulatedPrinter,
                                capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["print", "receipt", HEAD, "--config", str(config), "--name", "龙德贵",
                 "--printer", emulator.uri, "--paper", "58", "--mode", "text"])
    assert code == 0, capsys.readouterr().err
    assert "printed receipt DEMO01-" in capsys.readouterr().out
    assert "姓名：龙德贵".encode("gbk") in emulator.received
    assert b"\x1d(k" in emulator.received  # native QR


@pytest.mark.parametrize(("fault", "code"), [(Fault.PAPER_OUT, "printer.paper_out"),
                                             (Fault.NO_ANSWER, "printer.no_answer")])
def test_printer_faults_exit_1_with_the_code(config: Path, emulator: EmulatedPrinter,
                                             capsys: pytest.CaptureFixture[str], fault: Fault,
                                             code: str) -> None:
    emulator.set_fault(fault)
    assert main(["print", "receipt", HEAD, "--config", str(config),
                 "--printer", emulator.uri]) == 1
    assert f"[{code}]" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "exit_code", "message"), [
    (["--printer", "lpt:/dev/lp0"], 1, "'lpt'"),
    (["--printer", "serial:/dev/ttyUSB0?baud=12345"], 1, "'12345'"),
    ([], 2, "no printer"),
])
def test_bad_printer_settings(config: Path, capsys: pytest.CaptureFixture[str],
                              argv: list[str], exit_code: int, message: str) -> None:
    assert main(["print", "receipt", HEAD, "--config", str(config), *argv]) == exit_code
    assert message in capsys.readouterr().err


def test_bad_id_number_is_a_usage_error(config: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["print", "receipt", "431226195603220791", "--config", str(config),
                 "--preview", str(tmp_path / "x.png")]) == 2
    assert "check digit" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_print_test_command_is_registered(tmp_path: Path) -> None:
    out = tmp_path / "test.png"
    proc = subprocess.run([sys.executable, "-m", "kiosk.cli.main", "print", "test",
                           "--printer", f"png:{out}", "--paper", "58"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "printed test page" in proc.stdout
    with Image.open(out) as image:
        assert image.width == 384 and image.height > 300
