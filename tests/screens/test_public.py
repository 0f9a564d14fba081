"""村务公开 in the real kiosk window, offscreen (issue 17): without a card, the hub, an
item's public roll with its village total, narrowed by 组 and by surname initial, one
line alone and 这一笔有问题 filing an anonymous complaint that carries the item and the
payment; the micro-power list step by step; a way back on every screen; from an item's
page, 怎么申请 opening the power linked to the item (hidden when none is)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, select

from demo.disclosure import roll_entries
from demo.village import DemoVillage
from drivers.idcard.cardtext import IdCard
from kiosk.config import Config
from kiosk.money import format_yuan
from kiosk.powers import PowerStep, PowerView
from kiosk.rolls import surname_initial
from kiosk.store import open_store
from kiosk.store.models import Complaint
from screens.kiosk_window import open_kiosk
from ui.viewmodels.benefits import ItemDetailModel
from ui.viewmodels.utterance import utterance_for


def test_a_roll_browsed_and_a_line_questioned_without_a_card(
        qtbot: QtBot, kiosk_config: Config, demo_village: DemoVillage) -> None:
    dibao = [e for e in roll_entries(demo_village) if e.item_code == "DIBAO"]
    assert dibao  # the demo village has a 低保 roll on the reference day
    with open_kiosk(kiosk_config) as (ui, d):
        vm = ui.app_model.public_model
        d.click("publicButton")
        d.find("publicScreen")
        d.click("choice_0")  # 公示花名册
        d.find("rollItemsScreen")
        assert [i["code"] for i in vm.items] == ["DIBAO", "TEKUN", "WEIFANG"]
        d.click("choice_0")
        d.find("rollScreen")
        assert d.text("rollTotal") == format_yuan(sum(e.amount_fen for e in dibao))
        spoken = utterance_for(ui.app_model)  # 读给我听: the roll's size and total in words
        assert spoken is not None and spoken.text.startswith("农村最低生活保障金公示名单")
        assert "全村合计" in spoken.text and not any(c.isdigit() for c in spoken.text)
        assert len(vm.rows) == len(dibao)
        groups = [r["group"] for r in vm.rows]
        assert groups == sorted(groups, key=lambda g: int(g.rstrip("组")))
        d.click("group_1")  # the second 组 on the roll
        wanted = vm.groups[1]
        assert {r["group"] for r in vm.rows} == {wanted}
        assert len(vm.rows) == sum(1 for e in dibao if e.village_group == wanted)
        d.click("filterAll")
        assert len(vm.rows) == len(dibao)
        d.click("bySurname")
        d.click("initial_0")
        letter = vm.initials[0]
        assert vm.rows and {surname_initial(r["name"]) for r in vm.rows} == {letter}
        first = vm.rows[0]
        d.click("rollRow_0")
        d.find("rollRowScreen")
        assert d.text("rowName") == first["name"]
        assert d.text("rowAmount") == first["amountText"]
        d.click("backButton")
        d.find("rollScreen")
        d.click("rollRow_0")
        d.click("reportRow")
        d.find("complaintScreen")
        d.click("reason_impersonated")
        d.find("complaintText").setProperty("text", "他家早就不困难了")
        d.click("textNext")
        d.click("noPhone")
        d.click("anonymous")
        d.click("submitComplaint")
        d.find("complaintDone")
    engine: Engine = open_store(kiosk_config.store.path)
    try:
        with engine.connect() as conn:
            filed = conn.execute(select(Complaint.item_code, Complaint.payment_id,
                                        Complaint.anonymous, Complaint.id_hash)).all()
    finally:
        engine.dispose()
    assert filed == [("DIBAO", first["id"], True, None)]


def test_the_micro_power_list_step_by_step(qtbot: QtBot, kiosk_config: Config) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        vm = ui.app_model.public_model
        d.click("publicButton")
        d.click("choice_1")  # 小微权力清单
        d.find("powersScreen")
        assert [p["label"] for p in vm.powers][:2] == ["低保申请", "宅基地审批"]
        d.click("choice_0")
        d.find("powerScreen")
        assert d.text("pageTitle") == "第1步  提出申请"
        spoken = utterance_for(ui.app_model)
        assert spoken is not None and spoken.text.startswith("第一步")
        for _ in range(vm.pages - 1):
            d.click("nextPage")
        assert d.text("pageTitle") == "办理须知"
        assert [line["label"] for line in vm.pageLines] == [
            "需要带的材料", "谁来决定", "办理时限", "有问题找谁"]
        assert not d.find("nextPage").property("enabled")
        d.click("previousPage")
        assert d.text("pageTitle").startswith(f"第{vm.pages - 1}步")
        d.click("backButton")
        d.find("powersScreen")
        d.click("backButton")
        d.find("publicScreen")
        d.click("homeButton")
        d.find("welcomeScreen")


def test_the_item_page_offers_how_to_apply_only_with_a_linked_power(qtbot: QtBot) -> None:
    vm = ItemDetailModel()
    power = PowerView("DIBAO", "低保申请", (PowerStep("提出申请", ""), PowerStep("审批", "")),
                      "", "", (), "", ("DIBAO",))
    vm.load(code="DIBAO", name="农村最低生活保障金", department="", standard="", policy="",
            lines=[], apply=power)
    assert (vm.applyPower, vm.applyHint) == ("DIBAO", "低保申请，共 2 步")
    vm.load(code="GENGDI", name="耕地地力保护补贴", department="", standard="", policy="",
            lines=[])
    assert (vm.applyPower, vm.applyHint) == ("", "")
    vm.load(code="DIBAO", name="农村最低生活保障金", department="", standard="", policy="",
            lines=[], apply=power)
    vm.clear()
    assert vm.applyPower == ""


def test_how_to_apply_from_the_item_page(qtbot: QtBot, kiosk_config: Config,
                                         card: IdCard) -> None:
    with open_kiosk(kiosk_config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        other = next(r["itemCode"] for r in ui.app_model.benefits_model.payments
                     if r["itemCode"] != "DIBAO")
        ui.app_model.openItem(other)  # no power names it: no button
        d.find("complainItemButton")
        assert d.items("applyButton") == [] and ui.app_model.detail_model.applyPower == ""
        d.click("backButton")
        ui.app_model.openItem("DIBAO")
        d.find("detailScreen")
        assert d.truncated_texts() == []
        assert d.find("applyButton").property("text") == "怎么申请"
        assert d.find("applyButton").property("hint") == "低保申请，共 5 步"
        d.click("applyButton")
        d.find("powerScreen")
        assert ui.app_model.public_model.powerName == "低保申请"
        assert d.text("pageTitle") == "第1步  提出申请"
        d.click("nextPage")
        assert d.text("pageTitle") == "第2步  入户调查"
        d.click("backButton")  # back to the item's page, the holder's payments still there
        d.find("detailScreen")
        assert ui.app_model.detail_model.itemCode == "DIBAO"
