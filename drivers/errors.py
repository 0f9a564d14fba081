"""The drivers' one error root: every error a device driver raises is a :class:`DriverError`.

Each device has its own branch with stable codes as class attributes
(:class:`drivers.idcard.errors.IdCardError` ``idcard.…``,
:class:`drivers.printer.errors.PrinterError` ``printer.…``); the codes are
contracts shown in JSON, logs and on the clerk screen and never change. An
instance may narrow its class's code (``code=`` keyword). Messages are English,
never contain card data, and never repeat the code; what a villager reads is
chosen by ``ui/`` from the code.
"""

from __future__ import annotations

from kiosk.errors import CodedError

__all__ = ["DriverError"]


class DriverError(CodedError):
    """Base of every device-driver error; ``code`` is a stable identifier."""

    code = "driver.error"
