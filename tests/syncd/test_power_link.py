"""怎么申请 (issue 17): a power of the micro-power list names the benefit items applied for
through it; the link reaches the terminal through the real county server and `kiosk syncd`
(snapshot, then ``changes``), and the item's catalogue entry on the terminal carries it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from county_server.live import LiveServer
from sqlalchemy import Engine

from county.disclosure.powers import PowerFileError, list_powers, publish_powers
from demo.disclosure import powers_json
from kiosk.items import item_info
from kiosk.store import open_store
from syncd.conftest import Terminal, enrollment_code

NOW = datetime.now(UTC)


def _apply_power(terminal: Terminal, code: str) -> str | None:
    store = open_store(terminal.db)
    try:
        info = item_info(store, code)
    finally:
        store.dispose()
    assert info is not None
    return info.apply_power.code if info.apply_power is not None else None


def _sync(terminal: Terminal) -> None:
    synced = terminal.run("syncd", "--once")
    assert synced.returncode == 0, synced.stderr[-2000:]


def test_an_items_power_link_is_synced(county: LiveServer, county_engine: Engine,
                                       terminal: Terminal) -> None:
    publish_powers(county_engine, powers_json(), now=NOW)
    assert [p.items for p in list_powers(county_engine)][:2] == [("DIBAO",), ()]
    enrolled = terminal.run("enroll", enrollment_code(county_engine, scope="village"),
                            "--server", county.url)
    assert enrolled.returncode == 0, enrolled.stderr
    _sync(terminal)  # the snapshot
    shown = json.loads(terminal.run("powers", "--json").stdout)["powers"]
    assert [(p["code"], p["items"]) for p in shown][:2] == [("DIBAO", ["DIBAO"]),
                                                           ("ZHAIJIDI", [])]
    assert _apply_power(terminal, "DIBAO") == "DIBAO"
    assert _apply_power(terminal, "TEKUN") is None

    data = json.loads(powers_json())  # the link moves to 宅基地审批 … as a county might err
    data["powers"][0].pop("items")
    data["powers"][1]["items"] = ["TEKUN"]
    counts = publish_powers(county_engine, json.dumps(data).encode(), now=NOW)
    assert (counts["changed"], counts["unchanged"]) == (2, 2)
    _sync(terminal)  # through changes
    assert _apply_power(terminal, "DIBAO") is None
    assert _apply_power(terminal, "TEKUN") == "ZHAIJIDI"


def test_a_link_to_no_item_or_to_a_linked_item_is_refused(county_engine: Engine) -> None:
    data = json.loads(powers_json())
    data["powers"][1]["items"] = ["DIBA0"]
    with pytest.raises(PowerFileError, match=r"powers\.1\.items: no catalogue item 'DIBA0'"):
        publish_powers(county_engine, json.dumps(data).encode(), now=NOW)
    data["powers"][1]["items"] = ["DIBAO"]
    with pytest.raises(PowerFileError, match=r"powers\.1\.items: DIBAO is already linked to "
                                             r"power DIBAO"):
        publish_powers(county_engine, json.dumps(data).encode(), now=NOW)
    data["powers"][1]["items"] = ["dibao"]
    with pytest.raises(PowerFileError, match=r"powers\.1\.items\.0"):
        publish_powers(county_engine, json.dumps(data).encode(), now=NOW)
    assert all("DIBA0" not in p.items for p in list_powers(county_engine))
