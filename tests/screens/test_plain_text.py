"""County and villager text is shown as plain text, never as Qt rich text (issue 12).

A notice holding ``<img src="http://…/track.png">`` was fetched over HTTP by
the kiosk, because no QML Text set ``textFormat``. Three checks: every .qml
file uses the one PlainText component (static), every text item of the live
window is plain text (runtime), and a hostile notice is shown literally
while a loopback HTTP server sees no request for its image.
"""

from __future__ import annotations

import io
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QObject, QUrl
from PySide6.QtQml import QQmlComponent, QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot
from sqlalchemy import insert

from kiosk import clock
from kiosk.config import Config
from kiosk.store import open_store
from kiosk.store.models import Notice
from screens.kiosk_window import open_kiosk
from ui.driver import UiDriver

UI = Path(__file__).resolve().parents[2] / "ui"
# The QML types that render text: each may run markup unless its textFormat is plain.
TEXT_TYPES = {"Text", "Label", "TextEdit", "TextArea", "TextField", "TextInput"}
PLAIN = {"Text.PlainText", "TextEdit.PlainText"}
# The one file allowed to use Text directly: the component that fixes textFormat.
SHARED = UI / "qml" / "VillageKiosk" / "PlainText.qml"


def _strip_comments_and_strings(source: str) -> str:
    source = re.sub(r"//[^\n]*|/\*.*?\*/", "", source, flags=re.S)
    return re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', source)


def _blocks(source: str, type_name: str) -> Iterator[str]:
    """The bodies of every ``type_name { … }`` object declaration in ``source``."""
    for match in re.finditer(rf"(?<![\w.]){type_name}\s*\{{", source):
        depth, start = 1, match.end()
        for index in range(start, len(source)):
            depth += {"{": 1, "}": -1}.get(source[index], 0)
            if depth == 0:
                yield source[start:index]
                break


def _problems(path: Path) -> list[str]:
    source = _strip_comments_and_strings(path.read_text(encoding="utf-8"))
    found = []
    for value in re.findall(r"\btextFormat\s*:\s*([\w.]+)", source):
        if value not in PLAIN:
            found.append(f"{path.name}: textFormat: {value} (only plain text is allowed)")
    for type_name in sorted(TEXT_TYPES):
        for body in _blocks(source, type_name):
            if path == SHARED and type_name == "Text":
                continue
            if type_name in ("Text", "Label"):
                found.append(f"{path.name}: a bare {type_name} (use PlainText)")
            elif not re.search(r"\btextFormat\s*:\s*TextEdit\.PlainText\b", body):
                found.append(f"{path.name}: {type_name} without textFormat: "
                             "TextEdit.PlainText")
    return found


def test_every_qml_text_is_plain() -> None:
    files = sorted(UI.rglob("*.qml"))
    assert SHARED in files and len(files) > 10
    assert "textFormat: Text.PlainText" in SHARED.read_text(encoding="utf-8")
    problems = [p for path in files for p in _problems(path)]
    assert problems == []


@pytest.mark.parametrize(
    ("qml", "problem"),
    [
        pytest.param("Item { Text { text: \"x\" } }", "a bare Text", id="bare Text"),
        pytest.param("Item { Label {\n text: \"x\" } }", "a bare Label", id="bare Label"),
        pytest.param("Item { PlainText { textFormat: Text.RichText } }",
                     "textFormat: Text.RichText", id="PlainText overridden"),
        pytest.param("Item { TextArea { wrapMode: TextEdit.Wrap } }",
                     "TextArea without textFormat", id="TextArea left rich"),
        pytest.param("Item { component Caption: Text { } }", "a bare Text",
                     id="inline component"),
    ],
)
def test_the_qml_check_catches(tmp_path: Path, qml: str, problem: str) -> None:
    path = tmp_path / "Bad.qml"
    path.write_text(f"import QtQuick\n{qml}\n", encoding="utf-8")
    assert any(problem in p for p in _problems(path))


def _inherits(obj: QObject, class_name: str) -> bool:
    meta = obj.metaObject()
    while meta is not None:
        if meta.className() == class_name:
            return True
        meta = meta.superClass()
    return False


def _all_items(driver: UiDriver) -> Iterator[QQuickItem]:
    stack = [driver.window.contentItem()]
    while stack:
        item = stack.pop()
        yield item
        stack.extend(item.childItems())


def _text_format(item: QQuickItem) -> object:
    # PySide cannot convert the TextFormat enum of a property read: ask QML for its number.
    expression = QQmlExpression(QQmlEngine.contextForObject(item), item, "textFormat")
    value = expression.evaluate()
    assert not expression.hasError(), expression.error().toString()
    return value[0] if isinstance(value, tuple) else value


def _rich_items(driver: UiDriver) -> list[str]:
    """Text items made by the kiosk's own QML (not the virtual keyboard's key caps) whose
    textFormat is not plain (Text.PlainText == 0)."""
    ours = UI.as_uri()
    rich, checked = [], 0
    for item in _all_items(driver):
        if not (_inherits(item, "QQuickText") or _inherits(item, "QQuickTextEdit")):
            continue
        context = QQmlEngine.contextForObject(item)
        where = context.baseUrl().toString() if context is not None else ""
        if not where.startswith(ours):
            continue
        checked += 1
        if _text_format(item) != 0:
            rich.append(f"{item.metaObject().className()} {item.property('text')!r} {where}")
    assert checked > 5, "the walk found none of the kiosk's own text items"
    return rich


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (1, 1)).save(out, "PNG")
    return out.getvalue()


class _Recorder(BaseHTTPRequestHandler):
    paths: list[str]
    image = _png()

    def do_GET(self) -> None:
        self.paths.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.image)))
        self.end_headers()
        self.wfile.write(self.image)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def loopback() -> Iterator[tuple[str, list[str]]]:
    """A one-thread HTTP server on 127.0.0.1 recording request paths, in arrival order."""
    paths: list[str] = []
    handler = type("Recorder", (_Recorder,), {"paths": paths})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", paths
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_notice_markup_is_shown_literally_and_fetches_nothing(
        qtbot: QtBot, kiosk_config: Config, loopback: tuple[str, list[str]]) -> None:
    base, requests = loopback
    title = f'<b>紧急通知</b><img src="{base}/track.png?kiosk=T00042&at=title">'
    body = f'<img src="{base}/track.png?kiosk=T00042">请<b>注意</b>&lt;看这里&gt;'
    engine = open_store(kiosk_config.store.path)
    with engine.begin() as conn:
        conn.execute(insert(Notice).values(id=900001, kind="政策", title=title, body=body,
                                           scope="county", published_on=clock.today(),
                                           expires_on=None, updated_at=clock.now()))
    engine.dispose()
    with open_kiosk(kiosk_config) as (ui, d):
        d.click("noticesButton")
        d.find("noticesScreen")
        assert d.texts_showing(title), "the title is not on the list as typed"
        assert _rich_items(d) == []
        d.click("notice_0")
        assert d.text("noticeTitle") == title
        assert d.text("noticeBody") == body
        assert _rich_items(d) == []
        # The control: a rich Text created now, after the notice was laid out, does fetch
        # its image. The one-thread server answers connections in the order they came, so
        # once the control's request is in, a fetch of the notice's image would be too.
        control = QQmlComponent(ui.engine)
        control.setData(b'import QtQuick\nText { textFormat: Text.RichText; text: '
                        + f'"<img src=\\"{base}/control.png\\">"'.encode() + b" }",
                        QUrl("file:///control.qml"))
        made = control.create()
        assert isinstance(made, QQuickItem), control.errorString()
        made.setParentItem(d.window.contentItem())
        d.wait_until(lambda: "/control.png" in requests, what="the control image request")
        made.setVisible(False)
        made.deleteLater()
    assert [p for p in requests if "track" in p] == []
