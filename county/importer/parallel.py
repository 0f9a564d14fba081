"""Checking a big file's rows in two processes while this one reads and stages them.

A row's check (ID check digit, amount, date, HMAC of the ID number, SHA-256
content key, the payee's AES-GCM seal) is pure Python and the bulk of an
import's time; the reading, the staging file and the database stay in the
importing process. The first rows of a sheet (:data:`PARALLEL_AFTER`) are
checked here, so a small file forks nothing; past them (in a process with
no other thread: the CLI's, not the server's), chunks of
:data:`CHUNK_ROWS` rows go to :data:`WORKERS` forked processes
(``concurrent.futures``), at most :data:`IN_FLIGHT` at a time so memory
stays flat, and come back in file order: the result is exactly the serial
one. A checking process that dies (the OOM killer, a bug) fails the import
with :class:`CheckerDied` before anything is stored — the checks all come
before the import's one transaction.
"""

from __future__ import annotations

import multiprocessing
import sys
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from county.errors import CountyError
from county.importer.rows import Bad, Good, RowReader

__all__ = ["CHUNK_ROWS", "IN_FLIGHT", "PARALLEL_AFTER", "SWITCH_S", "WORKERS", "CheckerDied",
           "Chunk", "check_chunks", "forking_is_safe"]

#: Rows sent to a checking process at once (a few hundred KB each way).
CHUNK_ROWS = 2000
#: Rows of a sheet checked in this process before any other is started (forking
#: costs ~50 ms: not worth it for the usual few thousand rows).
PARALLEL_AFTER = 6000
#: Checking processes: the county server's machine has 2 cores (this process reads,
#: stages and, later, PostgreSQL writes).
WORKERS = 2
#: Chunks sent and not yet taken back: bounds memory, keeps both processes busy.
IN_FLIGHT = 2 * WORKERS + 2
#: The GIL's switch interval while checking processes run (Python's default: 5 ms). A
#: chunk's outcomes (~1 MB) come back through a pipe of 64 KB that a thread of this
#: process empties, taking the GIL for each piece; while the main thread holds the GIL
#: (reading, staging) each piece waited up to 5 ms and the checker sending it stood
#: still: a 200 000-row import took 17 s, 12 s with 0.5 ms.
SWITCH_S = 0.0005

Chunk = list[tuple[int, list[Any]]]
"""(row number, cells) of data rows."""

_READER: RowReader | None = None


class CheckerDied(CountyError):
    """A process checking rows ended without answering; nothing was imported."""

    code = "import.checker_died"


def _start(reader: RowReader) -> None:
    global _READER
    _READER = reader


def _check(first_nonce: int, chunk: Chunk) -> list[Good | Bad]:
    assert _READER is not None
    return _check_with(_READER, first_nonce, chunk)


def _check_with(reader: RowReader, first_nonce: int, chunk: Chunk) -> list[Good | Bad]:
    return [reader.outcome(reader.cells_of(cells), first_nonce + i)
            for i, (_, cells) in enumerate(chunk)]


def forking_is_safe() -> bool:
    """True in a process with no other thread (the suite overrides it: a test runner
    keeps threads of its own that never touch what a checker uses)."""
    return threading.active_count() == 1


def check_chunks(reader: RowReader, chunks: Iterator[Chunk], *, nonces: Iterator[int]
                 ) -> Iterator[tuple[Chunk, list[Good | Bad]]]:
    """Each chunk with its rows' outcomes, in order; ``nonces`` gives each chunk its first
    payee nonce (CHUNK_ROWS apart, unique in the import).

    Raises :class:`CheckerDied` if a checking process dies.
    """
    done = 0
    # Forked only from a process with no other thread (`county import`): a child forked
    # from the server would inherit whatever lock another thread held at that instant
    # and could wait on it forever, so there (a console upload) the checks stay here.
    alone = forking_is_safe()
    for chunk in chunks:  # the first rows here: a small file forks nothing
        yield chunk, _check_with(reader, next(nonces), chunk)
        done += len(chunk)
        if done >= PARALLEL_AFTER and alone:
            break
    else:
        return
    # fork: the reader (catalogue, key, options) is inherited, not pickled.
    pool = ProcessPoolExecutor(WORKERS, mp_context=multiprocessing.get_context("fork"),
                               initializer=_start, initargs=(reader,))
    pending: deque[tuple[Chunk, Future[list[Good | Bad]]]] = deque()
    interval = sys.getswitchinterval()
    sys.setswitchinterval(min(interval, SWITCH_S))
    try:
        for chunk in chunks:
            pending.append((chunk, pool.submit(_check, next(nonces), chunk)))
            if len(pending) >= IN_FLIGHT:
                yield _taken(pending)
        while pending:
            yield _taken(pending)
    except BrokenProcessPool:  # from submit() or result(): one of them died
        raise CheckerDied("a process checking the file's rows ended unexpectedly (out of "
                          "memory?); nothing was imported") from None
    finally:
        sys.setswitchinterval(interval)
        pool.shutdown(wait=True, cancel_futures=True)


def _taken(pending: deque[tuple[Chunk, Future[list[Good | Bad]]]]
           ) -> tuple[Chunk, list[Good | Bad]]:
    chunk, future = pending.popleft()
    return chunk, future.result()
