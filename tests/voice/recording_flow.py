"""Issue 18's spoken complaint, end to end, with a virtual microphone (PulseAudio).

Run by tests/voice/test_recording_ui.py in a process of its own (Qt meets the sound
server once per process; see tests/voice/pulse.py). The real kiosk window
(offscreen) records 3 s of a 440 Hz tone through QtMultimedia, plays it back, files
the complaint with it; the real sync daemon uploads it to the real county server on
loopback, which reads its duration from the recording itself.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from county_server.live import LiveServer
from pytestqt.qtbot import QtBot
from screens.kiosk_window import open_kiosk
from sqlalchemy import Engine, select
from syncd.conftest import Terminal
from syncd.enroll import enroll

from county.complaints import list_complaints
from county.voice.store import clip_of, voice_duration_ms
from drivers.idcard.cardtext import IdCard
from kiosk.config import load_config
from kiosk.store import open_store
from kiosk.store.models import ComplaintVoice
from kiosk.voice_store import voice_dir
from kiosk.voiceclip import inspect_clip
from ui.viewmodels.voice_complaint import VoiceComplaintModel
from voice.clips import decoded_rms, tone_pcm
from voice.pulse import VirtualMic, virtual_microphone


def _sync(terminal: Terminal) -> None:
    done = terminal.run("syncd", "--once")
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.fixture(scope="module")
def mic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtualMic]:
    """The virtual microphone, up before anything in this process looks for devices."""
    with virtual_microphone(tmp_path_factory.mktemp("pulse")) as virtual:
        yield virtual


def test_spoken_complaint_recorded_filed_and_checked_at_the_county(
        qtbot: QtBot, mic: VirtualMic, county: LiveServer, county_engine: Engine,
        terminal: Terminal, card: IdCard, tmp_path: Path) -> None:
    enroll(terminal, county_engine, county.url)  # in-process: a process start is slow
    _sync(terminal)
    config = load_config(terminal.config)
    with open_kiosk(config) as (ui, d):
        ui.bridge.cardRead.emit(card)
        d.find("benefitsScreen")
        d.click("complainButton")
        d.find("complaintScreen")
        d.click("about_0")
        d.click("reason_not_received")
        voice = ui.app_model.complaint_model.voice
        d.wait_until(lambda: voice.state == "ready", what="the microphone found")
        assert d.text("voiceRecord") == "说出您的问题"

        d.click("voiceRecord")
        d.wait_until(mic.listening, what="recording from the virtual microphone")
        mic.say(tone_pcm(3.0))
        d.wait_until(lambda: voice.seconds == 3, what="3 s recorded")
        assert voice.secondsText == "已录 3 秒，最多 60 秒"
        d.click("voiceStop")
        d.wait_until(lambda: voice.state == "recorded", what="the recording encoded")
        assert voice.clipSeconds == 3
        d.click("voicePlay")  # played back through QtMultimedia (to the null sink)
        d.wait_until(lambda: voice.state == "playing", what="playback started")
        d.wait_until(lambda: voice.state == "recorded", what="playback ended")

        d.click("textNext")
        d.click("noPhone")
        d.click("anonymous")
        d.find("submitComplaint")
        assert d.texts_showing("有，3 秒")
        d.click("submitComplaint")
        ticket = d.text("ticketNo")
        # The work files (WAV, playback copy) go once the complaint holds the recording.
        folder = voice_dir(ui.services._require()[0])
        d.wait_until(lambda: not list(folder.glob(".*")), what="work files deleted")

    engine = open_store(terminal.db)
    try:
        with engine.connect() as conn:
            row = conn.execute(select(ComplaintVoice)).one()
        kept = folder / row.file_name
        assert (row.duration_ms, stat.S_IMODE(kept.stat().st_mode)) == (3000, 0o600)
    finally:
        engine.dispose()

    _sync(terminal)
    [filed] = [c for c in list_complaints(county_engine) if c.ticket_no == ticket]
    assert voice_duration_ms(county_engine, filed.server_id) == 3000
    assert decoded_rms(clip_of(county_engine, filed.server_id), tmp_path / "rms") > 0.15


def test_the_recording_stops_by_itself_at_its_limit(qtbot: QtBot, mic: VirtualMic,
                                                     tmp_path: Path) -> None:
    # The view-model alone (no QML), with a 2 s limit for speed: 3 s of sound arrive.
    # (Last in this module: PulseAudio keeps ~0.1 s of what nobody recorded for the next.)
    vm = VoiceComplaintModel(lambda: tmp_path / "voice", max_seconds=2)
    vm.refresh()
    assert (vm.state, vm.message) == ("ready", "")
    heard: list[int] = []
    vm.activity.connect(lambda: heard.append(vm.seconds))
    vm.record()
    qtbot.waitUntil(mic.listening, timeout=30_000)
    mic.say(tone_pcm(3.0))
    qtbot.waitUntil(lambda: vm.state == "recorded", timeout=30_000)
    assert (vm.seconds, vm.secondsText, vm.clipSeconds) == (2, "已录 2 秒，最多 2 秒", 2)
    assert len(heard) > 2 and 0 in heard  # sound kept the session awake all along
    clip = vm.clip
    assert clip is not None and inspect_clip(clip).duration_ms == 2000
    vm.discard()
    assert (vm.state, vm.clip) == ("ready", None)
    qtbot.waitUntil(lambda: not list((tmp_path / "voice").iterdir()), timeout=30_000)
    mic.wait_quiet()
