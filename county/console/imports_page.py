"""/imports: a department (or county IT) uploads its CSV/XLSX, previews it, imports it.

The same importer as `county import` (county.importer). The upload is kept
in the database (console_upload) between the preview — a dry run listing
every bad row with its reason (the same Chinese reasons the CLI prints) and
what the collision rules would raise on the good rows, nothing stored — and the import, so any app
process can run the second step. The file is written to a private temporary
directory (0700, file 0600) only while the importer reads it.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy import Engine, Row, delete, insert, select, update
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from county.collision.imports import LeadPreview, raised_line
from county.console.errors import Forbidden
from county.console.models import ConsoleUpload
from county.console.summary import refresh
from county.console.web import Viewer, audit, engine_of, posted, render, require, xlsx_download
from county.importer import ImportOptions, ImportResult, SourceError, import_payments
from county.models import ImportBatch
from county.payees import load_vault
from county.tx import writing
from kiosk import clock

__all__ = ["router"]

router = APIRouter(include_in_schema=False)
UPLOADERS = ("it", "department")
SUFFIXES = (".csv", ".xlsx", ".xlsm")
UPLOAD_KEPT = timedelta(days=1)
#: Request header static/upload.js sets: answer with the preview's address, not the page.
PROGRESS_HEADER = "X-Upload-Progress"


def _clean_name(raw: str) -> str:
    """The upload's base name without directories or control characters."""
    name = "".join(ch for ch in Path(raw.replace("\\", "/")).name
                   if unicodedata.category(ch)[0] != "C").strip()
    return name[-120:] or "upload"


def _history(engine: Engine, who: Viewer) -> list[Row[Any]]:
    query = select(ImportBatch).order_by(ImportBatch.id.desc()).limit(200)
    if who.user.role == "department":
        query = query.where(ImportBatch.imported_by == who.user.name)
    with engine.connect() as conn:
        return list(conn.execute(query).all())


@router.get("/imports", response_class=HTMLResponse)
def get_imports(request: Request,
                format: Annotated[str, Query(max_length=8, pattern="^(|xlsx)$")] = ""
                ) -> Response:
    who = require(request, "it", "department", "inspector")
    if format:
        return xlsx_download(request, who, "导入记录", [("导入记录", (
            "批次", "文件", "导入人", "时间", "总行数", "新增", "被替换", "拒收", "撤销时间"), [
            (b.id, b.file_name, b.imported_by, b.imported_at, b.rows_total, b.rows_new,
             b.rows_superseded, b.rows_rejected, b.reverted_at)
            for b in _history(engine_of(request), who)])])
    return render(request, "imports.html", who=who, history=_history(engine_of(request), who),
                  can_upload=who.user.role in UPLOADERS, error="")


def _run(engine: Engine, who: Viewer, upload_id: int, *, dry_run: bool,
         skip_bad: bool = False, accept_warnings: bool = False
         ) -> tuple[Row[Any], ImportResult, str]:
    """Run the importer on a stored upload (only its uploader's, or county IT's); the third
    value is what the collision rules raise on the batch ("本批次新增疑点 N 条", counts only:
    a department account sees no lead), run in the import's transaction."""
    with engine.connect() as conn:
        upload = conn.execute(select(ConsoleUpload).where(ConsoleUpload.id == upload_id)
                              ).first()
    if upload is None or (who.user.role != "it" and upload.user_id != who.user.id):
        raise Forbidden("没有这个上传文件，或它不是您上传的。")
    options = ImportOptions(dry_run=dry_run, skip_bad=skip_bad, actor=who.user.name,
                            accept_warnings=accept_warnings,
                            department=who.user.department or None,
                            only_department=who.user.department or None,
                            after_store=(preview := LeadPreview(
                                load_vault(str(engine.url)), clock.now(), who.user.name,
                                views=False)))
    with tempfile.TemporaryDirectory(prefix="county-upload-") as tmp:
        path = Path(tmp) / upload.file_name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(upload.content)
        result = import_payments(engine, path, options, now=clock.now())
    if result.imported:
        with writing(engine) as conn:
            conn.execute(update(ConsoleUpload).where(ConsoleUpload.id == upload.id)
                         .values(batch_id=result.batch or 0, content=b""))
        refresh(engine)  # the dashboard's summaries: rebuilt now, not at the next view
    stored = result.imported or (dry_run and not result.refused)
    return upload, result, raised_line(preview.result, dry_run=dry_run) if stored else ""


def _summary(result: ImportResult) -> dict[str, object]:
    return {"file": result.file, "rows": result.rows, "good": result.good, "new": result.new,
            "bad": len(result.bad), "batch": result.batch, "imported": result.imported}


@router.post("/imports/preview", response_class=HTMLResponse)
async def post_preview(request: Request) -> Response:
    who, form = await posted(request, *UPLOADERS)
    upload = form.get("file")
    try:
        return await _preview(request, who, upload)
    finally:
        if isinstance(upload, UploadFile):
            await upload.close()


async def _preview(request: Request, who: Viewer, upload: object) -> Response:
    engine = engine_of(request)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return render(request, "imports.html", who=who, status=400, can_upload=True,
                      history=await run_in_threadpool(_history, engine, who),
                      error="请选择要上传的 CSV 或 XLSX 文件。")
    name = _clean_name(upload.filename)
    if not name.lower().endswith(SUFFIXES):
        return render(request, "imports.html", who=who, status=400, can_upload=True,
                      history=await run_in_threadpool(_history, engine, who),
                      error=f"只能导入 CSV 或 XLSX 文件：{name}")
    content = await upload.read()

    def store() -> int:
        with writing(engine) as conn:
            # Previews nobody imported within a day are dropped with their bytes.
            conn.execute(delete(ConsoleUpload).where(
                ConsoleUpload.batch_id.is_(None),
                ConsoleUpload.uploaded_at < clock.now() - UPLOAD_KEPT))
            return int(conn.execute(insert(ConsoleUpload).values(
                user_id=who.user.id, file_name=name, content=content,
                uploaded_at=clock.now()).returning(ConsoleUpload.id)).scalar_one())

    upload_id = await run_in_threadpool(store)
    if request.headers.get(PROGRESS_HEADER) == "1":
        # static/upload.js sent it (showing the upload's progress): the browser goes on to
        # the preview page, whose load is the check of the file.
        return JSONResponse({"next": f"/imports/{upload_id}/preview"},
                            headers={"Cache-Control": "no-store"})
    return await _dry_run_page(request, who, upload_id, name)


async def _dry_run_page(request: Request, who: Viewer, upload_id: int, name: str) -> Response:
    """The preview of a stored upload: every bad row with its reason, nothing stored.

    The dry run skips the bad rows, as the only import the page then offers does: what the
    collision rules would raise is counted on the good rows, not left unsaid because the
    file has bad ones.
    """
    engine = engine_of(request)
    try:
        upload, result, raised = await run_in_threadpool(_run, engine, who, upload_id,
                                                         dry_run=True, skip_bad=True)
    except (SourceError, ValueError) as exc:
        return render(request, "imports.html", who=who, status=400, can_upload=True,
                      history=await run_in_threadpool(_history, engine, who),
                      error=f"无法读取 {name}：{exc}")
    return render(request, "import_preview.html", who=who, result=result, upload_id=upload_id,
                  name=upload.file_name, raised=raised)


@router.get("/imports/{upload_id}/preview", response_class=HTMLResponse)
async def get_preview(request: Request, upload_id: int) -> Response:
    """The preview of an upload sent with progress (static/upload.js)."""
    who = await run_in_threadpool(require, request, *UPLOADERS)
    name = await run_in_threadpool(_pending, engine_of(request), upload_id)
    if name is None:
        raise Forbidden("这个文件已经导入过了，或预览已过期（保留一天），请重新上传。")
    return await _dry_run_page(request, who, upload_id, name)


def _pending(engine: Engine, upload_id: int) -> str | None:
    """The file name of an upload not imported yet (None: imported, dropped or never)."""
    with engine.connect() as conn:
        return conn.execute(select(ConsoleUpload.file_name).where(
            ConsoleUpload.id == upload_id, ConsoleUpload.batch_id.is_(None))).scalar()


@router.post("/imports/{upload_id}/run", response_class=HTMLResponse)
async def post_run(request: Request, upload_id: int) -> Response:
    who, form = await posted(request, *UPLOADERS)
    engine = engine_of(request)
    skip_bad = form.get("skip_bad") == "1"
    accept_warnings = form.get("accept_warnings") == "1"

    if await run_in_threadpool(_pending, engine, upload_id) is None:
        raise Forbidden("这个文件已经导入过了。")
    try:
        upload, result, raised = await run_in_threadpool(_run, engine, who, upload_id,
                                                         dry_run=False,
                                                 skip_bad=skip_bad,
                                                 accept_warnings=accept_warnings)
    except (SourceError, ValueError) as exc:
        return render(request, "imports.html", who=who, status=400, can_upload=True,
                      history=await run_in_threadpool(_history, engine, who),
                      error=f"导入失败：{exc}")
    await run_in_threadpool(audit, request, who, "import.run", target=upload.file_name,
                            after=_summary(result))
    return render(request, "import_preview.html", who=who, result=result, upload_id=upload_id,
                  name=upload.file_name, done=True, raised=raised)
