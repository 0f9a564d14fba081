"""A real AF_UNIX datagram socket standing in for systemd's notification socket."""

from __future__ import annotations

import socket
from pathlib import Path
from types import TracebackType


class NotifySocket:
    """Bound to ``path`` (or an abstract name when ``abstract``); collects what arrives."""

    def __init__(self, path: Path, *, abstract: bool = False) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        if abstract:
            name = f"village-kiosk-test-{path.name}-{id(self)}"
            self.sock.bind("\0" + name)
            self.env_value = "@" + name
        else:
            self.sock.bind(str(path))
            self.env_value = str(path)
        self.messages: list[str] = []

    def receive(self, timeout: float = 0.0) -> list[str]:
        """Every datagram that arrived so far (waiting up to ``timeout`` s for the first)."""
        self.sock.settimeout(timeout if timeout > 0 else None)
        if timeout <= 0:
            self.sock.setblocking(False)
        try:
            while True:
                self.messages.append(self.sock.recv(4096).decode("utf-8"))
                self.sock.setblocking(False)
        except (BlockingIOError, TimeoutError):
            pass
        return self.messages

    def states(self) -> list[str]:
        """Every ``KEY=value`` line received so far, in order."""
        return [line for message in self.receive() for line in message.split("\n")]

    def close(self) -> None:
        """Close (the path, if any, stays for the temp dir to remove)."""
        self.sock.close()

    def __enter__(self) -> NotifySocket:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
