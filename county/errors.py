"""The root of every error county raises on purpose.

Each class carries a stable ``code`` ("layer.reason") as a class attribute;
the message (``str(exc)``) is for people and never repeats it. Codes that are
part of the sync protocol are :class:`sync.protocol.ErrorCode` values (the
HTTP API's contract); the CLI prints some codes in brackets (its contract).
An error whose code depends on the case (a refused token, a bad cell of a
department file) still declares its family's code on the class and sets the
case's code on the instance.
"""

from __future__ import annotations

__all__ = ["CountyError"]


class CountyError(Exception):
    """Something county refuses or cannot do, said in one message; ``code`` is stable."""

    code: str = "county.error"
