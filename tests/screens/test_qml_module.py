"""The view-models as QML types (``import VillageKiosk.Models``), uncreatable from QML."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
from typing import Any

import pytest
from PySide6.QtCore import QtMsgType
from PySide6.QtQml import QQmlComponent, QQmlEngine
from PySide6.QtWidgets import QApplication

import ui.viewmodels
from ui.demo import DemoControlModel
from ui.viewmodels import QML_MODULE, qml_types
from ui.viewmodels.base import MADE_IN_PYTHON, ViewModel
from ui.viewmodels.clerk import ClerkModel
from ui.viewmodels.notices import NoticesModel


def _defined_view_models() -> set[type]:
    """Every ViewModel class defined in a module of ui.viewmodels."""
    found: set[type] = set()
    for info in pkgutil.iter_modules(ui.viewmodels.__path__, "ui.viewmodels."):
        module = importlib.import_module(info.name)
        found |= {cls for _, cls in inspect.getmembers(module, inspect.isclass)
                  if issubclass(cls, ViewModel) and cls.__module__ == info.name}
    return found


def _component(engine: QQmlEngine, source: str, name: str) -> QQmlComponent:
    component = QQmlComponent(engine)
    component.setData(source.encode(), f"file:///virtual/{name}.qml")
    return component


def test_every_view_model_is_a_type_of_the_one_module(qapp: QApplication) -> None:
    types = qml_types()
    assert set(types) == _defined_view_models()
    engine = QQmlEngine()
    for cls in [*types, DemoControlModel]:
        assert vars(sys.modules[cls.__module__])["QML_IMPORT_NAME"] == QML_MODULE
        # A property of the type compiles only if QML knows the type.
        component = _component(engine, f"import QtQuick\nimport {QML_MODULE}\n"
                               f"QtObject {{ property {cls.__name__} vm: null }}\n",
                               f"Use{cls.__name__}")
        assert not component.isError(), [e.toString() for e in component.errors()]
    engine.deleteLater()


def test_qml_may_not_create_a_view_model(qapp: QApplication) -> None:
    qml_types()
    engine = QQmlEngine()
    for name in ("AppModel", "ClerkModel", "ViewModel"):
        component = _component(engine, f"import QtQuick\nimport {QML_MODULE}\n{name} {{}}\n",
                               f"Make{name}")
        assert component.isError()
        assert MADE_IN_PYTHON in component.errors()[0].toString()
    engine.deleteLater()


@pytest.mark.qt_log_level_fail("CRITICAL")  # the refusal below is logged on purpose
def test_a_typed_property_takes_its_view_model_only(qapp: QApplication, qtlog: Any) -> None:
    # qtlog: pytest-qt's capture of this test's Qt messages (its class is private).
    engine = QQmlEngine()
    component = _component(engine, f"""import QtQuick
import {QML_MODULE}
QtObject {{
    required property ClerkModel vm
    readonly property bool locked: !vm.unlocked
}}
""", "TypedVm")
    clerk = ClerkModel("2468", dict)
    notices = NoticesModel(list)
    made = component.createWithInitialProperties({"vm": clerk})
    assert made is not None and made.property("locked") is True
    assert not [r for r in qtlog.records if r.type != QtMsgType.QtDebugMsg]
    wrong = component.createWithInitialProperties({"vm": notices})
    assert wrong is not None and wrong.property("locked") is False  # no vm to read
    assert any("Could not set initial property vm" in r.message for r in qtlog.records)
    engine.deleteLater()
