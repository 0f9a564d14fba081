"""The Qt log filter of the test suite (pyproject's qt_log_ignore) is no wider than it must be."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtWidgets import QApplication

# QtVirtualKeyboard's candidate list (its PopupList.qml) redeclares contentWidth,
# and Qt logs a notice about it; the same notice about any other object (one of
# ours) must still fail a test.
_OVERRIDE = b"import QtQuick\nListView { property real contentWidth: 3 }\n"


@pytest.mark.qt_log_level_fail("CRITICAL")  # the notices below are made on purpose
def test_only_the_keyboards_override_notice_is_ignored(qapp: QApplication,
                                                       qtlog: Any) -> None:
    # qtlog: pytest-qt's capture of this test's Qt messages (its class is private).
    engine = QQmlEngine()
    for name in ("PopupList", "MyList"):
        component = QQmlComponent(engine)
        component.setData(_OVERRIDE, f"file:///virtual/{name}.qml")
        assert component.create() is not None
    notices = {r.message.split(" of the object ")[1].split("_QMLTYPE_")[0]: r.ignored
               for r in qtlog.records if "overrides a member of the base object" in r.message}
    assert notices == {"PopupList": True, "MyList": False}
    engine.deleteLater()
