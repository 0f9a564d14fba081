"""/imports over real HTTP: who may upload and run what, and what a preview refuses."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select

from county.collision.models import Lead
from county.console.accounts import add_user
from county.models import Payment
from county_server.console_data import add_users, csrf_of, log_in, valid_id, write_xlsx
from county_server.live import LiveServer
from kiosk import clock

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def console(server: LiveServer, seeded_engine: Engine) -> LiveServer:
    """The county server with the console users and a second department user."""
    add_users(seeded_engine)
    add_user(seeded_engine, "renshe", role="department", department="县人社局",
             password="console-pass-1", actor="test", now=clock.now())
    return server


def _row(n: int, department: str) -> list[object]:
    return [f"新户{n}", valid_id(n), "农村最低生活保障金", "2025年6月", "386.00", "2025-06-10",
            department, "龙潭镇", "龙潭村", f"N{n}"]


def _preview(http: httpx.Client, path: Path) -> httpx.Response:
    token = csrf_of(http.get("/imports").text)
    return http.post("/imports/preview", data={"csrf_token": token},
                     files={"file": (path.name, path.read_bytes(), XLSX)})


def _count(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Payment)).scalar_one())


def test_a_department_imports_only_its_own_rows(console: LiveServer, seeded_engine: Engine,
                                                tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "mixed.xlsx", [_row(400, "县民政局"), _row(401, "县人社局"),
                                                _row(402, "县民政局")])
    before = _count(seeded_engine)
    with httpx.Client(base_url=console.url, timeout=30) as http:
        log_in(http, "minzheng")
        preview = _preview(http, path)
        assert preview.status_code == 200
        assert "发放部门 县人社局 不是本单位（县民政局）的数据" in preview.text
        upload_id = re.search(r'action="/imports/(\d+)/run"', preview.text)
        assert upload_id is not None
        run = http.post(f"/imports/{upload_id.group(1)}/run",
                        data={"csrf_token": csrf_of(preview.text), "skip_bad": "1"})
        assert run.status_code == 200 and "已导入" in run.text
        again = http.post(f"/imports/{upload_id.group(1)}/run",
                          data={"csrf_token": csrf_of(preview.text), "skip_bad": "1"})
        assert again.status_code == 403  # an upload imports once
    assert _count(seeded_engine) == before + 2


def test_only_the_uploader_runs_an_upload(console: LiveServer, tmp_path: Path,
                                          seeded_engine: Engine) -> None:
    path = write_xlsx(tmp_path / "one.xlsx", [_row(410, "县民政局")])
    with httpx.Client(base_url=console.url, timeout=30) as http:
        log_in(http, "minzheng")
        found = re.search(r'action="/imports/(\d+)/run"', _preview(http, path).text)
        assert found is not None
    with httpx.Client(base_url=console.url, timeout=30) as other:
        log_in(other, "renshe")
        token = csrf_of(other.get("/imports").text)
        refused = other.post(f"/imports/{found.group(1)}/run", data={"csrf_token": token})
        assert refused.status_code == 403
    with httpx.Client(base_url=console.url, timeout=30) as viewer:
        log_in(viewer, "viewer1")
        assert viewer.get("/imports").status_code == 403


def test_preview_refuses_other_files_and_big_bodies(console: LiveServer, tmp_path: Path) -> None:
    with httpx.Client(base_url=console.url, timeout=60) as http:
        log_in(http, "minzheng")
        token = csrf_of(http.get("/imports").text)
        exe = http.post("/imports/preview", data={"csrf_token": token},
                        files={"file": ("payload.exe", b"MZ...", "application/octet-stream")})
        assert exe.status_code == 400 and "只能导入 CSV 或 XLSX" in exe.text
        junk = http.post("/imports/preview", data={"csrf_token": token},
                         files={"file": ("broken.xlsx", b"not a zip", XLSX)})
        assert junk.status_code == 400 and "无法读取 broken.xlsx" in junk.text
        huge = http.post("/imports/preview", data={"csrf_token": token},
                         files={"file": ("huge.csv", b"x" * (21 * 2**20), "text/csv")})
        assert huge.status_code == 413
        # Other console forms keep the API's small limit.
        big_notice = http.post("/notices", data={"csrf_token": token, "title": "x" * 100_000})
        assert big_notice.status_code == 413


def test_an_upload_sent_with_progress_is_previewed_by_its_uploader_only(
        console: LiveServer, tmp_path: Path, seeded_engine: Engine) -> None:
    # What static/upload.js does: the POST answers with the preview's address.
    path = write_xlsx(tmp_path / "progress.xlsx", [_row(420, "县民政局"), _row(421, "县民政局")])
    before = _count(seeded_engine)
    with httpx.Client(base_url=console.url, timeout=30) as http:
        log_in(http, "minzheng")
        token = csrf_of(http.get("/imports").text)
        sent = http.post("/imports/preview", data={"csrf_token": token},
                         files={"file": (path.name, path.read_bytes(), XLSX)},
                         headers={"X-Upload-Progress": "1"})
        assert sent.status_code == 200 and sent.headers["content-type"] == "application/json"
        target = sent.json()["next"]
        assert re.fullmatch(r"/imports/\d+/preview", target), target
        assert _count(seeded_engine) == before  # nothing checked nor stored yet
        preview = http.get(target)
        assert preview.status_code == 200 and "导入预览" in preview.text
        assert "progress.xlsx" in preview.text
        with httpx.Client(base_url=console.url, timeout=30) as other:
            log_in(other, "renshe")  # another department: not its upload
            assert other.get(target).status_code == 403
            log_in(other, "gaocun")  # a township user uploads nothing
            assert other.get(target).status_code == 403
        run = http.post(target.replace("/preview", "/run"),
                        data={"csrf_token": csrf_of(preview.text)})
        assert run.status_code == 200 and "已导入" in run.text
        assert http.get(target).status_code == 403  # imported: no second preview
        refused = http.post("/imports/preview", data={"csrf_token": token},
                            files={"file": ("notes.txt", b"hello", "text/plain")},
                            headers={"X-Upload-Progress": "1"})
        assert refused.status_code == 400 and "只能导入 CSV 或 XLSX 文件" in refused.text
    assert _count(seeded_engine) == before + 2


def test_preview_says_what_the_batch_raises_and_stores_nothing(
        console: LiveServer, seeded_engine: Engine, tmp_path: Path) -> None:
    twice = _row(410, "县民政局")
    again = [*twice[:5], "2025-06-25", *twice[6:9], "N410b"]  # the same month paid twice
    path = write_xlsx(tmp_path / "twice.xlsx", [twice, again, _row(411, "县民政局")])
    before = (_count(seeded_engine), _leads(seeded_engine))
    with httpx.Client(base_url=console.url, timeout=30) as http:
        log_in(http, "minzheng")
        preview = _preview(http, path)
        assert preview.status_code == 200
        line = "本批次新增疑点 1 条（duplicate_in_period 1 条）"
        raised = re.search(r'<p class="hint" id="raised">([^<]+)</p>', preview.text)
        # The seeded county never ran the rules: its own anomalies are counted apart.
        assert raised and raised[1].startswith(f"数据碰撞：{line}；另有 ")
        assert "条与本批次无关的疑点首次发现" in raised[1] and "（试运行，未保存）" in raised[1]
        unrelated = int(re.findall(r"另有 (\d+) 条", raised[1])[0])
        assert unrelated > 0
        assert (_count(seeded_engine), _leads(seeded_engine)) == before
        upload_id = re.search(r'action="/imports/(\d+)/run"', preview.text)
        assert upload_id is not None
        run = http.post(f"/imports/{upload_id.group(1)}/run",
                        data={"csrf_token": csrf_of(preview.text)})
        assert run.status_code == 200 and "已导入" in run.text
        assert line in run.text and "试运行" not in run.text
    assert (_count(seeded_engine), _leads(seeded_engine)) == (before[0] + 3,
                                                              before[1] + 1 + unrelated)


def _leads(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(Lead)).scalar_one())
