"""Base of the view-models: compare-before-emit state and a read-only property helper.

Every view-model class is a QML type of one module, ``import VillageKiosk.Models``
(major version 1; :data:`ui.viewmodels.QML_MODULE`), registered by
``@QmlElement`` when its Python module is imported; ``ui.app`` imports them all
(:func:`ui.viewmodels.qml_types`) before the engine loads. PySide6 reads the
import name from the ``QML_IMPORT_NAME`` and ``QML_IMPORT_MAJOR_VERSION``
globals of the module that applies the decorator, so each view-model module
declares both, as the PySide6 documentation shows (tests/screens/test_qml_module.py
checks they agree). The types are uncreatable (:func:`uncreatable`): Python
builds the view-models and hands them to QML.
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import Property, QObject, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from ui.tr import tr

__all__ = ["MADE_IN_PYTHON", "ViewModel", "readonly", "readonly_enum", "readonly_tr",
           "uncreatable"]

QML_IMPORT_NAME = "VillageKiosk.Models"
QML_IMPORT_MAJOR_VERSION = 1

#: Why QML may not create a view-model (the ``@QmlUncreatable`` reason).
MADE_IN_PYTHON = "view-models are made by the kiosk's Python code and handed to QML"

_T = TypeVar("_T")


def uncreatable(cls: type[_T]) -> type[_T]:
    """``@QmlUncreatable(MADE_IN_PYTHON)``; goes below ``@QmlElement``.

    (PySide6's type stubs do not declare the decorator object callable.)
    """
    decorate: Any = QmlUncreatable(MADE_IN_PYTHON)
    result: type[_T] = decorate(cls)
    return result


@QmlElement
@uncreatable
class ViewModel(QObject):
    """A screen's state. ``changed`` notifies every property; ``failed`` carries a message.

    Subclasses declare their own ``changed = Signal()`` and pass it to
    :func:`readonly` (a notify signal inherited from a base class makes
    PySide6 build a broken meta-object). They keep their state in
    ``self._state`` and change it only through :meth:`_update`, which emits
    ``changed`` once, and only if something really changed.
    """

    changed: Any
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, **state: Any) -> None:
        super().__init__(parent)
        self._state: dict[str, Any] = dict(state)

    def _update(self, **values: Any) -> bool:
        """Set state values; emit ``changed`` if any differs. GUI thread only."""
        dirty = False
        for key, value in values.items():
            if key not in self._state:
                raise KeyError(f"{type(self).__name__} has no state {key!r}")
            if self._state[key] != value:
                self._state[key] = value
                dirty = True
        if dirty:
            self.changed.emit()
        return dirty

    def _get(self, key: str) -> Any:
        return self._state[key]


def readonly(type_: Any, key: str, notify: Any) -> Any:
    """A QML property reading ``self._state[key]``, notified by the class's ``notify``."""
    return Property(type_, lambda self: self._state[key], notify=notify)


def readonly_enum(key: str, notify: Any) -> Any:
    """A QML string property: the value of the enum member in ``self._state[key]``.

    Python keeps states as enums (STYLE rule 29); QML compares their values.
    """
    return Property(str, lambda self: self._state[key].value, notify=notify)


def readonly_tr(key: str, notify: Any) -> Any:
    """A QML string property: ``self._state[key]`` (a Chinese source text, see ui.tr)
    translated when QML reads it, so that emitting ``notify`` after a language switch
    is all it takes to show it in the new language."""
    return Property(str, lambda self: tr(self._state[key]), notify=notify)
