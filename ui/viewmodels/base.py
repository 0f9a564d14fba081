"""Base of the view-models: compare-before-emit state and a read-only property helper."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, QObject, Signal

__all__ = ["ViewModel", "readonly"]


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

    def personal_state(self) -> dict[str, Any]:
        """Every value that may hold a villager's data (privacy tests compare it).

        Each view-model says what it holds; the base holds nothing.
        """
        return {}


def readonly(type_: Any, key: str, notify: Any) -> Any:
    """A QML property reading ``self._state[key]``, notified by the class's ``notify``."""
    return Property(type_, lambda self: self._state[key], notify=notify)
