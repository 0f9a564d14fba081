"""`county complaints …` as scripts and cron use it: JSON with status, level, due_at,
township and history; every step; refusals with exit 1 and one clear line."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout
from typing import Any

from sqlalchemy import Engine

from county.cli import main
from county_server.complaint_data import file_from, new_terminal


def county(*args: str, db: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([*args, "--db", db])
    return code, out.getvalue(), err.getvalue()


def county_json(*args: str, db: str) -> Any:
    code, out, err = county(*args, "--json", db=db)
    assert code == 0, err
    return json.loads(out)


def test_cli_handles_a_complaint_end_to_end(seeded_engine: Engine, seeded_url: str) -> None:
    terminal = new_terminal(seeded_engine)
    sid = file_from(seeded_engine, terminal, 1)
    [row] = county_json("complaints", "list", db=seeded_url)
    assert (row["server_id"], row["status"], row["level"], row["township"], row["due_at"]) == (
        sid, "new", "township", "高村镇", "2026-11-17T01:00:00+00:00")
    assert [h["action"] for h in row["history"]] == ["file"]
    code, _, err = county("complaints", "close", sid, db=seeded_url)
    assert code == 1 and err.startswith("county complaints: cannot close a complaint that is "
                                        "new (受理); close follows only from replied")
    assert county("complaints", "assign", sid, "--to", "高村镇监督组", "--by", "insp1",
                  "--now", "2026-11-02T10:00", db=seeded_url)[0] == 0
    shown = county_json("complaints", "reply", sid, "--text", "已补发\x1b[31m", "--by", "gaocun",
                        "--now", "2026-11-03T10:00+08:00", db=seeded_url)
    assert (shown["status"], shown["reply_text"]) == ("replied", "已补发[31m")
    assert [(h["action"], h["actor"], h["at"]) for h in shown["history"][1:]] == [
        ("assign", "insp1", "2026-11-02T02:00:00+00:00"),
        ("reply", "gaocun", "2026-11-03T02:00:00+00:00")]
    code, out, _ = county("complaints", "show", sid, db=seeded_url)
    assert code == 0 and "\x1b" not in out and "已答复" in out and "高村镇监督组" in out
    assert county("complaints", "close", sid, db=seeded_url)[0] == 0
    assert county_json("complaints", "list", "--status", "closed", db=seeded_url)[0][
        "server_id"] == sid
    assert county_json("complaints", "list", "--status", "new", db=seeded_url) == []


def test_escalate_by_time_from_cron(seeded_engine: Engine, seeded_url: str) -> None:
    terminal = new_terminal(seeded_engine)
    sid = file_from(seeded_engine, terminal, 1)
    assert county_json("complaints", "escalate", "--now", "2026-11-17T08:59+08:00",
                       db=seeded_url) == {"escalated": []}
    assert county_json("complaints", "escalate", "--now", "2026-11-17T09:00+08:00",
                       db=seeded_url) == {"escalated": [sid]}
    [row] = county_json("complaints", "list", "--level", "county", db=seeded_url)
    assert (row["status"], row["history"][-1]["actor"]) == ("new", "system")
    code, _, err = county("complaints", "escalate", sid, db=seeded_url)
    assert code == 1 and "county level (县纪委) already" in err
    assert county_json("complaints", "escalate-overdue", "--now", "2027-01-01T00:00",
                       db=seeded_url) == {"escalated": []}


def test_register_and_limits(seeded_url: str) -> None:
    code, _, err = county("complaints", "limits", "impersonated", "--response-days", "3",
                          db=seeded_url)
    assert code == 1 and "--resolve-days" in err
    limits = county_json("complaints", "limits", "impersonated", "--response-days", "3",
                         "--resolve-days", "20", "--approval", db=seeded_url)
    assert limits["categories"] == [{"category": "impersonated", "response_days": 3,
                                     "resolve_days": 20, "needs_approval": True}]
    new = county_json("complaints", "register", "--channel", "hotline", "--category",
                      "impersonated", "--text", "有人冒领我的养老金", "--township", "高村镇",
                      "--name", "王五", "--now", "2026-11-02T09:00+08:00", db=seeded_url)
    assert (new["level"], new["due_at"]) == ("township", "2026-11-05T01:00:00+00:00")
    sid = new["server_id"]
    assert county("complaints", "assign", sid, "--to", "县人社局", db=seeded_url)[0] == 0
    code, _, err = county("complaints", "reply", sid, "--text", "已追回", db=seeded_url)
    assert code == 1 and "second person's approval" in err
    assert county("complaints", "draft", sid, "--text", "已追回", "--by", "a1",
                  db=seeded_url)[0] == 0
    code, _, err = county("complaints", "approve", sid, "--by", "a1", db=seeded_url)
    assert code == 1 and "your own draft" in err
    done = county_json("complaints", "approve", sid, "--by", "b2", db=seeded_url)
    assert (done["status"], done["reply_text"], done["channel"]) == ("replied", "已追回", "hotline")
