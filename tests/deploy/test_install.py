"""deploy/: install.sh into a throwaway root (twice), the units verified there, the rules."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from deploy.install_run import DEPLOY, INSTALL, REPO, install, snapshot

KIOSK_UNITS = ("village-kiosk-session.service", "village-kiosk-syncd.service",
               "village-kiosk-update.path", "village-kiosk-update.timer",
               "village-kiosk-update.service", "village-kiosk-recover.service")
# Started by udev for a USB stick (70-village-kiosk.rules), never enabled.
USB_UNITS = ("village-kiosk-usb@.service", "village-kiosk-usb-check@.service")

needs_root = pytest.mark.skipif(os.geteuid() != 0,
                                reason="systemd-tmpfiles --root chowns to the root's kiosk "
                                       "user: needs root (CI runs as root)")


def _shell_scripts() -> list[Path]:
    """Every shell script of the project (by extension or shebang), outside the venv."""
    found = []
    for path in REPO.rglob("*"):
        if any(part in (".venv", ".git", "node_modules") for part in path.parts) \
                or not path.is_file():
            continue
        if path.suffix == ".sh":
            found.append(path)
            continue
        if path.suffix == "" and path.stat().st_size < 1_000_000:
            with path.open("rb") as handle:
                head = handle.readline()
            if re.match(rb"#!\s*/(usr/)?bin/(env )?(ba)?sh\b", head):
                found.append(path)
    return sorted(found)


def test_every_shell_script_is_shellcheck_clean() -> None:
    scripts = _shell_scripts()
    assert INSTALL in scripts
    done = subprocess.run(["shellcheck", "--severity=style", *map(str, scripts)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A root after two runs of install.sh; the second must have changed nothing."""
    root = tmp_path_factory.mktemp("terminal-root")
    first = install(root)
    assert first.returncode == 0, first.stderr
    before = snapshot(root)
    second = install(root)
    assert second.returncode == 0, second.stderr
    assert "nothing to change" in second.stdout
    after = snapshot(root)
    assert after == before, sorted(set(after.items()) ^ set(before.items()))[:5]
    return root


def test_install_lays_out_the_terminal(installed: Path) -> None:
    root = installed
    passwd = (root / "etc/passwd").read_text()
    assert re.search(r"^kiosk:x:\d+:\d+:[^:]*:/var/lib/village-kiosk/home:/usr/sbin/nologin$",
                     passwd, re.M)
    group = (root / "etc/group").read_text()
    for name in ("video", "input", "render"):
        assert re.search(rf"^{name}:x:\d+:(.*,)?kiosk$", group, re.M), name
    for unit in (*KIOSK_UNITS, *USB_UNITS):
        assert (root / "etc/systemd/system" / unit).read_bytes() == \
            (DEPLOY / "systemd" / unit).read_bytes()
    wants = root / "etc/systemd/system"
    assert (wants / "graphical.target.wants/village-kiosk-session.service").is_symlink()
    assert (wants / "multi-user.target.wants/village-kiosk-syncd.service").is_symlink()
    assert (wants / "multi-user.target.wants/village-kiosk-recover.service").is_symlink()
    assert (wants / "paths.target.wants/village-kiosk-update.path").is_symlink()
    assert (wants / "timers.target.wants/village-kiosk-update.timer").is_symlink()
    assert os.readlink(wants / "default.target") == "/lib/systemd/system/graphical.target"
    assert (root / "etc/village-kiosk/kiosk.toml").read_text() == \
        (DEPLOY / "kiosk.example.toml").read_text()
    assert (root / "etc/village-kiosk/kiosk.toml").stat().st_mode & 0o777 == 0o640
    assert "consoleblank=0" in (root / "etc/default/grub.d/village-kiosk.cfg").read_text()
    for d in ("opt/village-kiosk/releases", "var/lib/village-kiosk/updates/ready",
              "var/lib/village-kiosk/updates/downloads", "var/lib/village-kiosk/home"):
        assert (root / d).is_dir(), d


def test_install_refuses_a_bundle_without_a_key(tmp_path: Path) -> None:
    bundle = tmp_path / "b.tar"
    bundle.write_bytes(b"")
    done = install(tmp_path / "root", "--bundle", str(bundle))
    assert done.returncode == 1
    assert "--bundle needs --pubkey" in done.stderr


def _executable(path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\nexit 0\n")
    path.chmod(0o755)


@pytest.fixture(scope="module")
def verify_root(installed: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The installed root plus what apt and a release would bring: systemd's own units
    (systemd-analyze resolves targets inside the root), cage, a release's `kiosk`, and
    the county server's unit and binary."""
    root = tmp_path_factory.mktemp("verify-root")
    shutil.copytree(installed, root, symlinks=True, dirs_exist_ok=True)
    shutil.copytree("/usr/lib/systemd/system", root / "usr/lib/systemd/system",
                    symlinks=True)
    _executable(root / "usr/bin/cage")
    _executable(root / "bin/sh")
    for tool in ("mount", "umount", "mountpoint", "mkdir"):  # util-linux, coreutils
        _executable(root / "usr/bin" / tool)
    _executable(root / "opt/village-kiosk/releases/1.0.0/venv/bin/kiosk")
    (root / "opt/village-kiosk/current").symlink_to("releases/1.0.0")
    shutil.copy(DEPLOY / "systemd/county.service", root / "etc/systemd/system/")
    # The province's template (one instance per port), verified as an instance.
    shutil.copy(DEPLOY / "systemd/county@.service", root / "etc/systemd/system/")
    (root / "etc/systemd/system/county@8081.service").symlink_to("county@.service")
    _executable(root / "srv/county/venv/bin/county")
    return root


def _verify(root: Path, *units: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["systemd-analyze", "verify", f"--root={root}",
                           *(f"/etc/systemd/system/{u}" for u in units)],
                          capture_output=True, text=True, timeout=60, check=False, cwd="/")


def test_units_verify_inside_the_root(verify_root: Path) -> None:
    done = _verify(verify_root, *KIOSK_UNITS, "county.service", "county@8081.service")
    # Warnings (an unknown key, a bad value) do not change the exit code: none allowed.
    assert done.returncode == 0 and not done.stdout.strip() and not done.stderr.strip(), \
        done.stdout + done.stderr


def test_usb_units_verify_for_a_stick(verify_root: Path) -> None:
    # The instances udev starts for /dev/sdb1 (village-kiosk-usb@sdb1.service).
    done = _verify(verify_root, "village-kiosk-usb@sdb1.service",
                   "village-kiosk-usb-check@sdb1.service")
    assert done.returncode == 0 and not done.stdout.strip() and not done.stderr.strip(), \
        done.stdout + done.stderr
    mount = (DEPLOY / "systemd/village-kiosk-usb@.service").read_text(encoding="utf-8")
    assert "-o ro,nosuid,nodev,noexec," in mount and "BindsTo=dev-%i.device" in mount
    check = (DEPLOY / "systemd/village-kiosk-usb-check@.service").read_text(encoding="utf-8")
    assert "User=kiosk" in check and "kiosk update from-usb /run/village-kiosk/usb" in check


def test_verify_catches_a_missing_binary_and_a_bad_key(verify_root: Path,
                                                       tmp_path: Path) -> None:
    """The check above can fail: the same verify sees a missing cage and a typo."""
    root = tmp_path / "broken"
    shutil.copytree(verify_root, root, symlinks=True)
    (root / "usr/bin/cage").unlink()
    done = _verify(root, "village-kiosk-session.service")
    assert done.returncode != 0 and "/usr/bin/cage" in done.stderr
    unit = root / "etc/systemd/system/village-kiosk-syncd.service"
    unit.write_text(unit.read_text().replace("WatchdogSec=", "WatchdogSecs="))
    done = _verify(root, "village-kiosk-syncd.service")
    assert "WatchdogSecs" in done.stderr


def test_session_unit_runs_cage_on_tty1_as_kiosk() -> None:
    text = (DEPLOY / "systemd/village-kiosk-session.service").read_text()
    for line in ("Type=notify", "NotifyAccess=all", "User=kiosk", "PAMName=login",
                 "TTYPath=/dev/tty1", "Conflicts=getty@tty1.service", "Restart=always",
                 "Environment=QT_QPA_PLATFORM=wayland",
                 "ExecStart=/usr/bin/cage -- /opt/village-kiosk/current/venv/bin/kiosk run "
                 "--config /etc/village-kiosk/kiosk.toml"):
        assert re.search(rf"^{re.escape(line)}$", text, re.M), line
    assert re.search(r"^WatchdogSec=\d+", text, re.M)
    assert " -s " not in text.split("ExecStart=")[1].splitlines()[0]  # no VT switching
    syncd = (DEPLOY / "systemd/village-kiosk-syncd.service").read_text()
    assert "ReadWritePaths=/var/lib/village-kiosk -/run/village-kiosk/health" in syncd
    path = (DEPLOY / "systemd/village-kiosk-update.path").read_text()
    # Not PathExistsGlob: a bundle left waiting in ready/ would start the installer in a loop.
    assert re.search(r"^PathChanged=/var/lib/village-kiosk/updates/ready$", path, re.M)
    assert "PathExists" not in path.split("[Path]")[1]
    timer = (DEPLOY / "systemd/village-kiosk-update.timer").read_text()
    assert re.search(r"^OnUnitInactiveSec=\d+min$", timer, re.M)
    assert re.search(r"^Unit=village-kiosk-update.service$", timer, re.M)
    service = (DEPLOY / "systemd/village-kiosk-update.service").read_text()
    assert "ConditionPathExistsGlob=/var/lib/village-kiosk/updates/ready/*.tar" in service


@needs_root
def test_tmpfiles_create_the_runtime_dirs_for_kiosk(installed: Path, tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(installed, root, symlinks=True)
    done = subprocess.run(["systemd-tmpfiles", "--create", f"--root={root}",
                           "village-kiosk.conf"], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr
    kiosk_uid = int(next(line.split(":")[2] for line in (root / "etc/passwd").read_text()
                         .splitlines() if line.startswith("kiosk:")))
    health = root / "run/village-kiosk/health"
    assert health.is_dir() and health.stat().st_uid == kiosk_uid
    assert (root / "var/lib/village-kiosk/updates/ready").stat().st_uid == kiosk_uid


def _recover_script(opt: Path) -> str:
    """The recover unit's shell line, as systemd hands it to sh, aimed at ``opt``."""
    text = (DEPLOY / "systemd/village-kiosk-recover.service").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("ExecStart="))
    script = line.split("sh -c '", 1)[1].rsplit("'", 1)[0]
    return script.replace("$$", "$").replace("/opt/village-kiosk", str(opt))


@pytest.mark.parametrize("broken", ["dangling", "missing"])
def test_recover_runs_even_when_current_is_broken(tmp_path: Path, broken: str) -> None:
    # The repair must not depend on what it repairs: a broken `current` falls
    # back to `previous` (or any installed version) to run `kiosk update recover`.
    opt = tmp_path / "opt"
    kiosk = opt / "releases/1.0.0/venv/bin/kiosk"
    kiosk.parent.mkdir(parents=True)
    kiosk.write_text('#!/bin/sh\necho "recover by $0 $*"\n')
    kiosk.chmod(0o755)
    (opt / "previous").symlink_to("releases/1.0.0")
    if broken == "dangling":
        (opt / "current").symlink_to("releases/2.0.0")
    done = subprocess.run(["sh", "-c", _recover_script(opt)], capture_output=True, text=True,
                          timeout=30, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"recover by {opt}/previous/venv/bin/kiosk update recover")
    (opt / "previous").unlink()
    done = subprocess.run(["sh", "-c", _recover_script(opt)], capture_output=True, text=True,
                          timeout=30, check=False)
    assert done.stdout.startswith(f"recover by {opt}/releases/1.0.0/venv/bin/kiosk update")
    kiosk.unlink()
    done = subprocess.run(["sh", "-c", _recover_script(opt)], capture_output=True, text=True,
                          timeout=30, check=False)
    assert done.returncode == 1 and "no installed village-kiosk version" in done.stderr
