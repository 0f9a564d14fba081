"""The systemd notification protocol (``sd_notify``), without libsystemd.

A service started with ``Type=notify`` tells systemd it is ready by sending
``READY=1`` as one datagram to the AF_UNIX socket named in ``$NOTIFY_SOCKET``
(a path, or ``@name`` for the abstract namespace). With ``WatchdogSec=`` set,
systemd expects ``WATCHDOG=1`` more often than ``$WATCHDOG_USEC`` and kills
and restarts the service when the pings stop. Outside systemd (a developer's
shell, the tests, the demo) there is no ``$NOTIFY_SOCKET`` and everything
here does nothing.

Pure stdlib: the kiosk UI and the sync daemon both use it.
"""

from __future__ import annotations

import os
import socket

__all__ = ["notify", "watchdog_interval"]


def _address(value: str) -> str | None:
    """The socket address of ``$NOTIFY_SOCKET``, or None for a kind we do not speak."""
    if value.startswith("@"):
        return "\0" + value[1:]
    if value.startswith("/"):
        return value
    return None  # vsock:… (VMs) is not used on a terminal


def notify(*states: str) -> bool:
    """Send ``states`` (e.g. ``"READY=1"``, ``"STATUS=…"``) to systemd as one datagram.

    Returns True if it was sent, False when not running under systemd or when
    sending failed. Never raises: a kiosk must keep serving villagers even if
    the notification socket is gone (systemd then restarts it, which is the
    right outcome). Thread-safe (a fresh socket per call); does not block.
    """
    target = os.environ.get("NOTIFY_SOCKET", "")
    address = _address(target) if target else None
    if address is None or not states:
        return False
    message = "\n".join(states).encode("utf-8")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
            sock.setblocking(False)
            sock.connect(address)
            sock.send(message)
    except OSError:
        return False
    return True


def watchdog_interval() -> float | None:
    """The watchdog timeout systemd set for this process, in seconds, or None.

    From ``$WATCHDOG_USEC``. ``$WATCHDOG_PID`` names the process systemd
    watches; the kiosk UI runs as the child of the cage compositor (which is
    the service's main process, so systemd names cage), hence the parent's
    pid is accepted too. Ping at least twice per interval.
    """
    try:
        usec = int(os.environ.get("WATCHDOG_USEC", ""))
    except ValueError:
        return None
    if usec <= 0:
        return None
    pid = os.environ.get("WATCHDOG_PID", "")
    if pid:
        try:
            watched = int(pid)
        except ValueError:
            return None
        if watched not in (os.getpid(), os.getppid()):
            return None
    return usec / 1_000_000
