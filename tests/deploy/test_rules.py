"""The udev rules give kiosk the reader, the printer and the backlight; polkit gives it pcscd."""

from __future__ import annotations

from pathlib import Path

import pytest

from deploy.udevrules import RuleError, apply_rules, parse_rules

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
RULES = DEPLOY / "udev/70-village-kiosk.rules"


@pytest.mark.parametrize("vendor,product", [("1a86", "7523"), ("067b", "2303"),
                                            ("10c4", "ea60"), ("0403", "6001")])
def test_usb_serial_readers_belong_to_kiosk_with_a_stable_name(vendor: str,
                                                               product: str) -> None:
    got = apply_rules(parse_rules(RULES), {"SUBSYSTEM": "tty", "KERNEL": "ttyUSB0",
                                           "ATTRS{idVendor}": vendor,
                                           "ATTRS{idProduct}": product})
    assert got["GROUP"] == ["kiosk"] and got["MODE"] == ["0660"]
    assert got["SYMLINK"] == ["idcard"]


def test_other_serial_devices_are_left_alone() -> None:
    got = apply_rules(parse_rules(RULES), {"SUBSYSTEM": "tty", "KERNEL": "ttyUSB0",
                                           "ATTRS{idVendor}": "1a86",
                                           "ATTRS{idProduct}": "55d4"})
    assert got == {}


def test_usb_printers_raw_and_usblp() -> None:
    rules = parse_rules(RULES)
    printer = {"SUBSYSTEM": "usb", "ENV{DEVTYPE}": "usb_device",
               "ENV{ID_USB_INTERFACES}": ":070102:"}
    assert apply_rules(rules, printer)["GROUP"] == ["kiosk"]
    keyboard = dict(printer, **{"ENV{ID_USB_INTERFACES}": ":030101:"})
    assert apply_rules(rules, keyboard) == {}
    usblp = apply_rules(rules, {"SUBSYSTEM": "usbmisc", "KERNEL": "lp0"})
    assert usblp["GROUP"] == ["kiosk"] and usblp["SYMLINK"] == ["receipt-printer"]


def test_backlight_brightness_is_made_writable_for_kiosk() -> None:
    got = apply_rules(parse_rules(RULES), {"SUBSYSTEM": "backlight", "ACTION": "add"})
    assert got["RUN"] == ["/bin/chgrp kiosk /sys%p/brightness",
                          "/bin/chmod g+w /sys%p/brightness"]


def test_the_parser_refuses_what_udev_would_not_read(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rules"
    for line in ('SUBSYSTEM=="tty", GRUOP="kiosk"',          # unknown key
                 'SUBSYSTEM="tty", GROUP="kiosk"',            # assignment to a match key
                 'SUBSYSTEM=="tty", GROUP=kiosk',             # unquoted
                 'SUBSYSTEM=="tty"'):                         # nothing assigned
        bad.write_text(line + "\n")
        with pytest.raises(RuleError):
            parse_rules(bad)


def test_polkit_rule_lets_kiosk_use_pcscd() -> None:
    text = (DEPLOY / "polkit/50-village-kiosk-pcscd.rules").read_text()
    assert '"org.debian.pcsc-lite.access_pcsc"' in text
    assert '"org.debian.pcsc-lite.access_card"' in text
    assert 'subject.user == "kiosk"' in text and "polkit.Result.YES" in text
    # Balanced: a syntax slip makes polkitd skip the whole file.
    assert text.count("(") == text.count(")") and text.count("{") == text.count("}")


USB_STICK = {"SUBSYSTEM": "block", "ACTION": "add", "KERNEL": "sdb1", "ENV{ID_BUS}": "usb",
             "ENV{ID_FS_USAGE}": "filesystem", "ENV{ID_FS_TYPE}": "vfat"}


@pytest.mark.parametrize("action", ["add", "change"])
@pytest.mark.parametrize("fs", ["vfat", "exfat"])
def test_a_usb_stick_is_handed_to_the_read_only_mount_unit(action: str, fs: str) -> None:
    got = apply_rules(parse_rules(RULES), dict(USB_STICK, **{"ACTION": action,
                                                            "ENV{ID_FS_TYPE}": fs}))
    assert got == {"TAG": ["systemd"], "ENV{SYSTEMD_WANTS}": ["village-kiosk-usb@%k.service"]}


@pytest.mark.parametrize("change", [{"ENV{ID_BUS}": "ata"},          # an internal disk
                                   {"ENV{ID_FS_TYPE}": "ext4"},      # not a county stick
                                   {"ENV{ID_FS_TYPE}": "ntfs"},
                                   {"ENV{ID_FS_USAGE}": "crypto"},
                                   {"ACTION": "remove"}])
def test_other_block_devices_are_not_mounted(change: dict[str, str]) -> None:
    assert apply_rules(parse_rules(RULES), dict(USB_STICK, **change)) == {}
