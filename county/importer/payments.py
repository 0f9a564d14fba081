"""`county import`: department payment files → the county database, all or nothing.

Each sheet's header row is found among its first rows (county/importer/
layout.py); total and footer rows are skipped with a note. Every row is
checked first: ID number (GB 11643 and the ways Excel damages it,
county/importer/ids.py), amount (kiosk.money.parse_yuan, not zero, not
absurd), date (not in the future), item (the county catalogue), no
duplicate of an earlier row of the file. A file with any bad row imports
nothing unless ``skip_bad`` is set; then the good rows go in and the bad
ones are written to a reject file (same columns plus 原行号 and 错误原因). A
warning (an ID that Excel may have rounded) stops the import unless
``accept_warnings``. A payment already stored (same content key) that the
file places in another 乡镇/村 moves (county.payments.correct_places); one
stored with the same person, item, period and department but other values is
superseded (county.corrections). Rows are hashed on the way in: the
plaintext ID number never reaches the database, the report or a log.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from datetime import datetime
from itertools import count, islice
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from county.catalogue import ItemMatcher, list_items
from county.importer.cells import cell_text
from county.importer.ids import MAYBE_ROUNDED, suspect_reason
from county.importer.layout import Layout, LayoutError, UnitError, find_layout, footer_word
from county.importer.options import DEFAULT_MAX_FEN, ImportOptions
from county.importer.parallel import CHUNK_ROWS, Chunk, check_chunks
from county.importer.people import PeopleToKey
from county.importer.rejects import write_rejects
from county.importer.report import (
    BadRow,
    ImportResult,
    SheetReport,
    SkippedRow,
    default_reject_path,
)
from county.importer.rows import Bad, RowReader
from county.importer.sources import Sheet, SourceError, open_workbook
from county.importer.staging import Staging
from county.importer.store import Checked, store
from county.importer.stream import Restart, StreamStore, can_stream
from county.person_keys import villages_with_kdf
from county.state import lookup_key
from county.tx import writing

__all__ = ["DEFAULT_MAX_FEN", "BadRow", "ImportOptions", "ImportResult",
           "import_payments"]


def import_payments(engine: Engine, path: Path, options: ImportOptions, *, now: datetime,
                    progress: Callable[[int], None] | None = None) -> ImportResult:
    """Check every row of every sheet of ``path`` and import it all (or the good rows).

    Returns the result with every bad row and the per-sheet report; its
    ``exit_code`` is what `county import` exits with. Raises
    :class:`county.importer.sources.SourceError` for an unreadable file or
    one without any recognisable header, and ``ValueError`` for a bad column
    mapping or missing required columns.

    Rows stream: the checked ones wait in a staging file
    (county/importer/staging.py) and are counted and stored batch by batch,
    all in one transaction, so memory does not grow with the file.
    """
    with tempfile.TemporaryDirectory(prefix="county-import-") as tmp:
        for attempt, may_stream in enumerate((True, False)):
            where = Path(tmp) / str(attempt)
            where.mkdir()
            staging = Staging(where)
            checked: Checked | None = None
            try:
                checked = _check_file(engine, path, options, now=now, progress=progress,
                                      staging=staging, may_stream=may_stream)
                if checked.stream is None:
                    return store(engine, path, options, checked, now=now)
                if checked.rejected:
                    reject_path = options.reject_file or default_reject_path(path)
                    write_rejects(reject_path, checked.rejected)
                    checked.result.reject_file = str(reject_path)
                checked.stream.finish(staging)
                return checked.result
            except Restart:
                continue  # a refused file, or a concurrent import: the usual way
            finally:
                if checked is not None and checked.stream is not None:
                    checked.stream.close()
                staging.close()
    raise AssertionError("the usual way never restarts")


def _check_file(engine: Engine, path: Path, options: ImportOptions, *, now: datetime,
                progress: Callable[[int], None] | None, staging: Staging,
                may_stream: bool) -> Checked:
    """Read and check every sheet (refusing the file for a layout problem); rows are
    stored as they are checked where county/importer/stream.py may."""
    with writing(engine) as conn:  # the key is created on a county's first use
        key = lookup_key(conn)
    matcher = ItemMatcher(list_items(engine))
    result = ImportResult(file=path.name, dry_run=options.dry_run, skip_bad=options.skip_bad,
                          warnings_accepted=options.accept_warnings)
    checked = Checked(result, staging, people=PeopleToKey(villages_with_kdf(engine), {}))
    nonces = count(0, CHUNK_ROWS)  # payees' seals: unique in the import, whichever process
    seen: list[str] = []
    try:
        with open_workbook(path) as book:
            for sheet in book.sheets:
                seen.append(sheet.name)
                if options.sheet is not None and sheet.name != options.sheet:
                    continue
                report = SheetReport(sheet.name)
                checked.result.sheets.append(report)
                try:
                    layout = find_layout(sheet.rows, header_row=options.header_row,
                                         overrides=options.column_map)
                except LayoutError as exc:
                    if (options.sheet is not None or book.encoding != "xlsx"
                            or isinstance(exc, UnitError)):
                        raise SourceError(f"{_where(path, sheet.name)}: {exc}") from None
                    report.not_imported = str(exc)
                    continue
                _require_columns(path, sheet.name, layout, options)
                report.header_row, report.header_detected = layout.header_row, layout.detected
                report.columns = list(layout.report)
                if may_stream and can_stream(engine, options, encoding=book.encoding, layout=layout,
                                             person_key_villages=len(checked.people.kdfs)):
                    checked.stream = StreamStore.open(engine, path, options, checked.result,
                                                      layout=layout, now=now)
                reader = RowReader(layout.columns, options, matcher, key,
                                   options.today or now.date(), checked.people,
                                   sealer=checked.staging,
                                   vault=checked.stream.vault if checked.stream else None)
                _check_rows(checked, path, sheet, layout, reader, report, progress, nonces,
                            options)
    except BaseException:  # the stream's transaction and connections: not left open
        if checked.stream is not None:
            checked.stream.close()
        raise
    if options.sheet is not None and options.sheet not in seen:
        raise SourceError(f"{path.name}: no sheet {options.sheet!r} (sheets: "
                          f"{', '.join(seen)})")
    if not any(s.header_row for s in checked.result.sheets):
        reasons = "; ".join(f"{s.name}: {s.not_imported}" for s in checked.result.sheets)
        raise SourceError(f"{path.name}: no sheet has a recognisable header ({reasons})")
    return checked


def _where(path: Path, sheet: str) -> str:
    return f"{path.name} [{sheet}]" if sheet else path.name


def _require_columns(path: Path, sheet: str, layout: Layout, options: ImportOptions) -> None:
    columns = layout.columns
    missing = [f"{label} ({name})" for name, label in (
        ("id_number", "身份证号"), ("amount", "金额(元)"), ("paid_on", "发放日期"))
        if name not in columns]
    if "item" not in columns and not options.item:
        missing.append("项目 (item)")
    if missing:
        headers = "、".join(c.header for c in layout.report if c.header)
        raise ValueError(f"{_where(path, sheet)}: missing column(s) {', '.join(missing)} in the "
                         f"header on row {layout.header_row} ({headers}) "
                         "(use --map 列名=field, or --item for files without 项目)")


def _data_rows(checked: Checked, layout: Layout, reader: RowReader, report: SheetReport,
               progress: Callable[[int], None] | None) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's data rows (number, cells), totals and footers noted."""
    result = checked.result
    id_column = layout.columns["id_number"]
    for number, cells in layout.rows:
        if not (id_column < len(cells) and cell_text(cells[id_column])):
            row = reader.cells_of(cells)
            empty = not any(cell_text(row.get(f, "")) for f in ("amount", "name"))
            word = footer_word(cells)
            if word is not None or empty:
                report.skipped.append(SkippedRow(number, word or "空行"))
                continue
        result.rows += 1
        report.rows += 1
        if progress is not None and result.rows % 5000 == 0:
            progress(result.rows)
        yield number, cells


def _check_rows(checked: Checked, path: Path, sheet: Sheet, layout: Layout, reader: RowReader,
                report: SheetReport, progress: Callable[[int], None] | None,
                nonces: Iterator[int], options: ImportOptions) -> None:
    """Check the sheet's rows (in other processes too, county/importer/parallel.py) and
    stage the good ones, in file order."""
    result, staging, stream = checked.result, checked.staging, checked.stream
    header = list(layout.header)
    rows = _data_rows(checked, layout, reader, report, progress)

    def chunks() -> Iterator[Chunk]:
        while chunk := list(islice(rows, CHUNK_ROWS)):
            yield chunk

    for chunk, outcomes in check_chunks(reader, chunks(), nonces=nonces):
        good = [(number, o) for (number, _), o in zip(chunk, outcomes, strict=True)
                if not isinstance(o, Bad)]
        for _, o in good:
            if o.person is not None:
                township, village, number_id = o.person
                checked.people.see(township, village, o.who, number_id)
            if o.sealed:
                staging.add_payee(o.who, o.sealed)
        # Streaming, the staging file keeps only the content keys (for duplicates).
        firsts = staging.add_rows(sheet.name, [
            (o.ckey, number, o.suspect, b"" if stream else o.payment, o.period)
            for number, o in good])
        if stream is not None:
            if ((not options.skip_bad and (len(good) < len(chunk) or any(firsts)))
                    or (not options.accept_warnings and any(o.suspect for _, o in good))):
                raise Restart  # refused: the usual way counts and reports it
            stream.add([(o.ckey, o.who, o.line)
                        for (_, o), first in zip(good, firsts, strict=True) if first is None])
        in_order = iter(firsts)
        for (number, cells), outcome in zip(chunk, outcomes, strict=True):
            if isinstance(outcome, Bad):
                code, reason = outcome
            elif (first := next(in_order)) is not None:
                other_sheet, other_row = first
                where = f"工作表 {other_sheet} " if other_sheet != sheet.name else ""
                code, reason = "row.duplicate", f"与{where}第 {other_row} 行重复"
            else:
                report.good += 1
                if outcome.suspect:  # held: imported only when warnings are accepted
                    result.warnings.append(BadRow(path.name, number, MAYBE_ROUNDED,
                                                  suspect_reason(), sheet.name))
                if outcome.member is not None:
                    staging.add_member(outcome.member, outcome.who, held=outcome.suspect)
                continue
            bad = BadRow(path.name, number, code, reason, sheet.name)
            result.bad.append(bad)
            report.bad += 1
            checked.rejected.append((sheet.name, header, cells, bad))
