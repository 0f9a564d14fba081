"""Bulk reads and inserts for big department files, fast on PostgreSQL, plain on SQLite.

A county import looks up hundreds of thousands of keys and inserts as many
rows. On SQLite the plain forms are fast enough: ``IN`` lists of 900 (its
parameter limit) and ``executemany``. On PostgreSQL an ``IN`` list is SQL text
that SQLAlchemy and psycopg build and parse per chunk, and an
``executemany`` is a round of protocol messages per row; there a lookup
sends one array parameter (``= ANY(%s)``) per 50 000 keys and an insert
streams the rows with ``COPY``. COPY has no ``ON CONFLICT``: when a
concurrent import stored some of the same rows meanwhile, the COPY is rolled
back to its savepoint and the rows go through a temporary table and one
``INSERT … SELECT … ON CONFLICT DO NOTHING``, so each is still stored once.

:func:`row_by_row` turns COPY off (``executemany`` of ``INSERT … ON
CONFLICT DO NOTHING`` on PostgreSQL too): the slow path, kept so a test can
show that both store the same rows.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from itertools import islice
from typing import Any

from sqlalchemy import ColumnElement, Connection, Table, any_, bindparam, func
from sqlalchemy.dialects import postgresql, sqlite

__all__ = ["CopyStream", "copy_allowed", "insert_new", "matching", "row_by_row"]

_SQLITE_CHUNK = 900
_PG_CHUNK = 50_000
_SQLITE_ROWS = 5000  # dicts per executemany: a big file stays small in memory
_NO_COPY: ContextVar[bool] = ContextVar("county_bulk_no_copy", default=False)


@contextmanager
def row_by_row() -> Iterator[None]:
    """Within this block :func:`insert_new` sends rows with ``executemany``, never COPY."""
    token = _NO_COPY.set(True)
    try:
        yield
    finally:
        _NO_COPY.reset(token)


def matching(conn: Connection, column: Any, values: Sequence[Any]) -> Iterator[ColumnElement[bool]]:
    """Filters ``column IN chunk`` that together cover ``values`` (none if it is empty).

    Run one query per filter; the chunk size suits the connection's database.
    """
    if conn.dialect.name == "postgresql":
        for start in range(0, len(values), _PG_CHUNK):
            chunk = list(values[start:start + _PG_CHUNK])
            if _words(chunk):  # hashes, keys: one text, split by PostgreSQL
                yield column == any_(func.string_to_array(bindparam(None, ",".join(chunk)),
                                                          ","))
            else:
                yield column == any_(bindparam(None, chunk,
                                               type_=postgresql.ARRAY(column.type)))
        return
    for start in range(0, len(values), _SQLITE_CHUNK):
        yield column.in_(values[start:start + _SQLITE_CHUNK])


def _words(values: list[Any]) -> bool:
    """Whether ``values`` are non-empty texts without a comma: sent as one text, since
    psycopg builds an array parameter in Python (a few µs a value: a million-row
    import's look-ups took seconds)."""
    return all(type(v) is str and v and "," not in v for v in values)


def insert_new(conn: Connection, table: Table, columns: Sequence[str],
               rows: Callable[[], Iterable[Sequence[Any]]], *, unique: str) -> None:
    """Insert the rows ``rows()`` yields (values in ``columns`` order), skipping any whose
    ``unique`` column value is stored already, in the caller's transaction.

    Columns left out take their defaults. ``rows`` may be called twice (on
    PostgreSQL, after a conflict). Raises the database's errors (the
    transaction is then unusable: let the caller's ``with`` roll it back).
    """
    names = list(columns)
    if conn.dialect.name != "postgresql" or _NO_COPY.get():
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        stmt = dialect.insert(table).on_conflict_do_nothing(index_elements=[unique])
        it = iter(rows())
        while chunk := list(islice(it, _SQLITE_ROWS)):
            conn.execute(stmt, [dict(zip(names, row, strict=True)) for row in chunk])
        return
    quote = conn.dialect.identifier_preparer.quote
    listed = ", ".join(quote(n) for n in names)
    target, stage = quote(table.name), quote(f"_new_{table.name}")
    from psycopg.errors import UniqueViolation  # only a PostgreSQL county needs psycopg

    # The caller left out what is stored: straight in, unless a concurrent import
    # stored some of the same rows meanwhile (then through a table without the index).
    try:
        with conn.begin_nested():
            _copy(conn, table, names, rows(), into=target)
        return
    except UniqueViolation:
        pass
    conn.exec_driver_sql(f"CREATE TEMPORARY TABLE {stage} ON COMMIT DROP AS "
                         f"SELECT {listed} FROM {target} WITH NO DATA")
    _copy(conn, table, names, rows(), into=stage)
    conn.exec_driver_sql(f"INSERT INTO {target} ({listed}) SELECT {listed} FROM {stage} "
                         f"ON CONFLICT ({quote(unique)}) DO NOTHING")
    conn.exec_driver_sql(f"DROP TABLE {stage}")


def _copy(conn: Connection, table: Table, names: list[str], rows: Iterable[Sequence[Any]], *,
          into: str) -> None:
    """``COPY into (names) FROM STDIN`` of ``rows``, converted as SQLAlchemy would send them
    (e.g. UTC timestamps naive)."""
    processors = [(i, p) for i, n in enumerate(names)
                  if (p := table.c[n].type.bind_processor(conn.dialect)) is not None]
    listed = ", ".join(conn.dialect.identifier_preparer.quote(n) for n in names)
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cursor, cursor.copy(f"COPY {into} ({listed}) FROM STDIN") as copy:
        # Most processed values are one object for every row (the import's time,
        # False): convert each distinct object once.
        last: dict[int, tuple[Any, Any]] = {}
        for row in rows:
            if processors:
                values = list(row)
                for i, process in processors:
                    value = values[i]
                    seen = last.get(i)
                    if seen is None or seen[0] is not value:
                        seen = last[i] = (value, process(value))
                    values[i] = seen[1]
                copy.write_row(values)
            else:
                copy.write_row(row)


def copy_allowed(dialect: str) -> bool:
    """Whether rows may go in by COPY on a database of ``dialect`` (not in :func:`row_by_row`)."""
    return dialect == "postgresql" and not _NO_COPY.get()


class CopyStream:
    """One ``COPY table (columns) FROM STDIN`` kept open across many :meth:`send` calls.

    PostgreSQL parses and indexes the rows while the caller prepares the next
    ones, instead of the caller waiting for each batch's COPY to end (psycopg
    waits only when more than 1 MB is not yet taken by the server). The
    caller formats the rows (text format, county/importer/copyrows.py). The
    connection can run nothing else while it is open: :meth:`pause` ends it
    (the next :meth:`send` opens another). There is no conflict handling: a
    duplicate of a stored row raises ``psycopg.errors.UniqueViolation`` from
    :meth:`send` or :meth:`pause` and the transaction is then unusable.
    PostgreSQL only; the caller's transaction.
    """

    def __init__(self, conn: Connection, table: Table, columns: Sequence[str]) -> None:
        self._conn, self._names = conn, list(columns)
        quote = conn.dialect.identifier_preparer.quote
        self._sql = (f"COPY {quote(table.name)} ({', '.join(quote(n) for n in self._names)}) "
                     "FROM STDIN")
        self._open: Any = None  # (cursor, copy context, copy)
        self._encoding = "utf-8"

    def send(self, data: bytes) -> None:
        """Send rows: lines of the columns' values in COPY text format, UTF-8."""
        if self._open is None:
            raw = self._conn.connection.driver_connection
            assert raw is not None
            cursor = raw.cursor()
            context = cursor.copy(self._sql)
            self._open = (cursor, context, context.__enter__())
            self._encoding = raw.info.encoding
        if self._encoding != "utf-8":  # a database not in UTF8 (none of ours)
            data = data.decode().encode(self._encoding)
        self._open[2].write(data)

    def pause(self) -> None:
        """End the COPY in progress, if any (its rows are then in the table)."""
        if self._open is not None:
            cursor, context, _ = self._open
            self._open = None
            try:
                context.__exit__(None, None, None)
            finally:
                cursor.close()

    def abort(self) -> None:
        """End the COPY in progress with an error (the transaction is then rolled back)."""
        if self._open is not None:
            cursor, context, _ = self._open
            self._open = None
            try:
                with suppress(Exception):
                    context.__exit__(RuntimeError, RuntimeError("import abandoned"), None)
            finally:
                cursor.close()
