"""The per-terminal switch "speak after a card read": pushed by the county, checked at both
ends (kiosk/pushable.py), overriding ``[ui] speak_after_card_read`` of kiosk.toml."""

from __future__ import annotations

import pytest

from kiosk.config import Config
from kiosk.pushable import BadSettingValueError, check_setting
from kiosk.settings import apply_pushed


def test_the_switch_takes_0_or_1() -> None:
    assert check_setting("ui.speak_after_card", "1") == 1
    assert check_setting("ui.speak_after_card", " 0 ") == 0
    with pytest.raises(BadSettingValueError, match=r"whole number \(0 off, 1 on\) from 0 to 1"):
        check_setting("ui.speak_after_card", "yes")
    # The seconds settings keep their wording.
    with pytest.raises(BadSettingValueError, match="whole number of seconds from 15 to 600"):
        check_setting("ui.idle_seconds", "5")


def test_a_pushed_value_overrides_the_config_file() -> None:
    config = Config()
    assert config.ui.speak_after_card_read == 0
    assert apply_pushed(config, {"ui.speak_after_card_read": 1}).ui.speak_after_card_read == 1
