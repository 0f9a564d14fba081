"""The 村级工程 screen (issue 17) in the real window, offscreen, on the demo village's
projects: the list from the 村务公开 hub, a project's timeline with amounts, a stage's
document full-screen, back step by step; 这一笔有问题 on a stage files a complaint carrying
what it concerns; a store that cannot be read says so."""

from __future__ import annotations

import json
import re
import sqlite3

from PySide6.QtCore import Q_ARG, QMetaObject
from pytestqt.qtbot import QtBot

from demo.projects import generate_projects
from demo.village import DemoVillage
from kiosk.config import Config
from kiosk.money import format_yuan
from screens.kiosk_window import open_kiosk
from ui.viewmodels.complaint import ComplaintModel
from ui.viewmodels.projects import ProjectsModel
from ui.viewmodels.screens import Screen
from ui.viewmodels.utterance import utterance_for

ID_NUMBER = re.compile(r"[1-9]\d{5}(19|20)\d{2}[01]\d[0-3]\d{4}[0-9Xx]")


def test_list_timeline_document_and_back(qtbot: QtBot, kiosk_config: Config,
                                         demo_village: DemoVillage) -> None:
    road, water = generate_projects(demo_village.today)
    with open_kiosk(kiosk_config) as (ui, d):
        d.click("publicButton")
        d.find("publicScreen")
        hub = ui.app_model.public_model
        assert [s["key"] for s in hub.sections][-1] == "projects"
        spoken = utterance_for(ui.app_model)
        assert spoken is not None and "村级工程" in spoken.text
        d.click("choice_3")  # 村级工程
        d.find("projectsScreen")
        assert ui.app_model.screen == "projects"
        model = ui.app_model.projects_model
        assert [p["title"] for p in model.projects] == [road.name, water.name]
        assert format_yuan(38_600_000) in model.projects[0]["hint"]
        assert "竣工决算" in model.projects[0]["hint"] and "施工进度" in model.projects[1]["hint"]
        said = utterance_for(ui.app_model)
        assert said is not None and road.name in said.text
        d.click("project_0")
        d.find("stageList")
        assert ui.app_model.screen == "projects" and model.page == "timeline"
        assert [s["label"] for s in model.stages] == [
            "立项批复", "预算", "招标结果", "施工合同", "施工进度", "竣工验收", "竣工决算"]
        assert d.text("stageAmount_1") == format_yuan(38_600_000)
        assert d.texts_showing("湘南路桥建设有限公司")
        assert model.stages[-1]["latest"] and not model.stages[0]["latest"]
        said = utterance_for(ui.app_model)
        assert said is not None and "招标结果" in said.text and "三十八万六千元" in said.text
        d.click("document_0")  # the approval document
        image = d.find("documentImage")
        d.wait_until(lambda: image.property("implicitWidth") == 900, what="document loaded")
        assert image.property("height") > 500, "the document fills the screen"
        assert model.page == "document"
        d.click("backButton")
        d.find("stageList")
        d.click("backButton")
        d.find("projectList")
        d.click("backButton")
        d.find("publicScreen")  # back to the hub it was opened from
        d.click("backButton")
        d.find("welcomeScreen")
        for row in [*model.projects, *model.stages]:
            assert not ID_NUMBER.search(json.dumps(row, ensure_ascii=False))


def test_this_stage_is_wrong_files_a_complaint_about_it(qtbot: QtBot, kiosk_config: Config,
                                                        demo_village: DemoVillage) -> None:
    road, _ = generate_projects(demo_village.today)
    bidding = road.stages[2]
    with open_kiosk(kiosk_config) as (ui, d):
        d.click("publicButton")
        d.click("choice_3")
        d.click("project_0")
        stages = d.find("stageList")
        QMetaObject.invokeMethod(stages, "positionViewAtIndex", Q_ARG(int, 2),
                                 Q_ARG(int, 1))  # ListView.Center: the stage is on screen
        d.click("stageComplain_2")
        d.find("complaintScreen")
        complaint = ui.app_model.complaint_model
        assert complaint.step == "reason" and "招标结果" in complaint.aboutLabel
        assert format_yuan(bidding.amount_fen or 0) in complaint.aboutLabel
        d.click("reason_wrong_amount")
        complaint.setText("")
        complaint.next()
        complaint.next()  # no phone
        d.click("anonymous")
        d.click("submitComplaint")
        d.wait_until(lambda: complaint.step == "done", what="filed")
        ticket = str(complaint.ticketNo)
    con = sqlite3.connect(kiosk_config.store.path)
    try:
        [(concerns, anonymous)] = con.execute(
            "SELECT concerns, anonymous FROM complaint WHERE ticket_no = ?",
            (ticket,)).fetchall()
    finally:
        con.close()
    assert json.loads(concerns) == {"kind": "village_project",
                                    "id": f"1/bidding/{bidding.day.isoformat()}"}
    assert anonymous == 1


def test_an_unreadable_store_says_so(qtbot: QtBot) -> None:
    shown: list[Screen] = []

    def broken() -> list[object]:
        raise RuntimeError("no store")

    model = ProjectsModel(broken, lambda _sha: None, shown.append,  # type: ignore[arg-type]
                          ComplaintModel(lambda _draft: None))  # type: ignore[arg-type,return-value]
    model.open()
    assert shown == [Screen.PROJECTS] and model.empty and model.error
    assert model.back() is False
