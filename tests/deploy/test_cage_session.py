"""`kiosk run` under the real cage compositor (headless): READY=1, watchdog, health mark.

cage refuses to run as root, and CI runs as root: then cage runs as `nobody`
with its own runtime directory and the kiosk connects to its Wayland socket
(the project's interpreter may live where `nobody` cannot read, e.g. under
/root). The environment comes from village-kiosk-session.service, so what is
tested here is what the unit sets.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo.village import DEMO_LOOKUP_KEY
from deploy.notifysock import NotifySocket
from kiosk import __version__
from kiosk.enrollment import Enrollment, save_enrollment
from kiosk.health import read_mark
from kiosk.sqltypes import utcnow

UNIT = Path(__file__).resolve().parents[2] / "deploy/systemd/village-kiosk-session.service"
CAGE = shutil.which("cage")

pytestmark = pytest.mark.skipif(CAGE is None, reason="cage is not installed (Debian package "
                                                      "`cage`, in the Makefile's APT_PACKAGES)")


def _unit_environment() -> dict[str, str]:
    env = {}
    for match in re.finditer(r"^Environment=(\w+)=(.*)$", UNIT.read_text(), re.M):
        env[match[1]] = match[2]
    return env


@pytest.fixture
def cage() -> Iterator[Path]:
    """A headless cage; yields its Wayland socket."""
    base = Path(tempfile.mkdtemp(prefix="kiosk-cage-"))
    base.chmod(0o755)
    runtime = base / "run"
    runtime.mkdir(mode=0o700)
    command = [str(CAGE), "--", "sleep", "300"]
    if os.geteuid() == 0:
        shutil.chown(runtime, "nobody")
        runuser = shutil.which("runuser", path="/usr/sbin:/sbin:/usr/bin:/bin")
        assert runuser is not None, "runuser (util-linux) is missing"
        command = [runuser, "-u", "nobody", "--", *command]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(runtime), "XDG_RUNTIME_DIR": str(runtime),
           "WLR_BACKENDS": "headless", "WLR_RENDERER": "pixman",
           "WLR_LIBINPUT_NO_DEVICES": _unit_environment()["WLR_LIBINPUT_NO_DEVICES"]}
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        socket_path = runtime / "wayland-0"
        deadline = time.monotonic() + 20
        while not socket_path.exists():
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            assert time.monotonic() < deadline, "cage did not create its Wayland socket"
            time.sleep(0.05)
        yield socket_path
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        if proc.stderr is not None:
            proc.stderr.close()
        shutil.rmtree(base, ignore_errors=True)


def test_kiosk_run_under_cage_is_ready_alive_and_healthy(cage: Path, tmp_path: Path,
                                                         seeded_db: Path) -> None:
    enrollment = tmp_path / "enrollment.json"
    save_enrollment(enrollment, Enrollment("T00042", "token", DEMO_LOOKUP_KEY,
                                           "https://county.example", "", utcnow()))
    health = tmp_path / "health"
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[store]\npath = "{seeded_db}"\n'
                      f'[enrollment]\nfile = "{enrollment}"\n'
                      f'[idcard]\ndevice = "serial:{tmp_path / "no-reader"}"\n'
                      f'[update]\nhealth_dir = "{health}"\n', encoding="utf-8")
    with NotifySocket(tmp_path / "notify") as sock:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "WAYLAND"))}
        env.update(_unit_environment())
        env.update(XDG_RUNTIME_DIR=str(cage.parent), WAYLAND_DISPLAY=cage.name,
                   XDG_CONFIG_HOME=str(tmp_path / "config"),
                   XDG_CACHE_HOME=str(tmp_path / "cache"),
                   NOTIFY_SOCKET=sock.env_value, WATCHDOG_USEC="1000000")
        env.pop("WATCHDOG_PID", None)
        env["PYTHONFAULTHANDLER"] = "1"
        kiosk = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "run",
                                  "--config", str(config)], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while sock.states().count("WATCHDOG=1") < 2 and time.monotonic() < deadline:
                assert kiosk.poll() is None, "kiosk run ended early"
                sock.receive(timeout=0.2)
            states = sock.states()
            assert states[:2] == ["READY=1", "STATUS=screen: welcome"], states
            assert states.count("WATCHDOG=1") >= 2, states
            mark = read_mark("ui", health_dir=health)
            assert mark is not None and mark.version == __version__ and mark.pid == kiosk.pid
            kiosk.send_signal(signal.SIGTERM)
            code = kiosk.wait(timeout=30)
            assert code == 0, kiosk.communicate(timeout=10)[0].decode(errors="replace")[-3000:]
            sock.receive(timeout=1.0)
            assert sock.states()[-1] == "STOPPING=1"
        finally:
            if kiosk.poll() is None:
                kiosk.kill()
            output = kiosk.communicate(timeout=10)[0].decode(errors="replace")
        assert "Traceback" not in output, output
        json.loads((health / "ui.json").read_text())
