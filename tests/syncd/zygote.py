"""A fork server for `kiosk` processes: imports the CLI once, forks one per request.

Starting `kiosk` costs seconds of imports on a small machine; the kill -9
test starts the daemon fifty times and kills it at random moments, so the
imports are done once here and each `kiosk syncd` is a forked child: a real,
separate process running ``kiosk.cli.main.main(["syncd", …])``, which the test
kills with SIGKILL. Protocol on stdin/stdout: a JSON line
``{"argv": [...], "log": PATH}`` in, the child's pid out.
"""

from __future__ import annotations

import json
import os
import signal
import sys

from kiosk.cli.main import build_parser, main


def serve() -> None:
    """Answer spawn requests until stdin closes."""
    build_parser()  # import every command group now, not in each child
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            fd = os.open(request["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            code = main(request["argv"])
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        print(pid, flush=True)


if __name__ == "__main__":
    serve()
