"""Dependencies point inward (DEVELOPERS.md, STYLE.md rules 1–2), checked on the source.

Every import in every module is read with ``ast`` (plain, from-, relative, and
``importlib.import_module("…")``/``__import__("…")`` with a literal name) and
checked against the rules below. A second test proves the checker catches a
violation, so a broken checker cannot pass silently.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from import_reader import ROOT, imports

PACKAGES = ("kiosk", "drivers", "sync", "update", "ui", "county", "demo")

# kiosk modules with no I/O and no database that the other ends may share.
# kiosk.files is stdlib-only crash-safe file writing (fsync), shared for the same reason.
# kiosk.pushable is the table of settings a county may push, checked at both ends.
# kiosk.lazy_names loads a package's exported names on first use (stdlib only).
# kiosk.errors is the error base (CodedError) every layer's root derives from.
# kiosk.voiceclip is the spoken complaint's format check, the same at both ends.
PURE_KIOSK = ("kiosk.identity", "kiosk.money", "kiosk.catalogue", "kiosk.clock",
              "kiosk.receipt", "kiosk.timefmt", "kiosk.files", "kiosk.pushable",
              "kiosk.textsafe", "kiosk.errors", "kiosk.person_key", "kiosk.lazy_names",
              "kiosk.voiceclip")
# The county also shares the column types and the SQLite connection setup
# (SQLAlchemy, no tables, no I/O).
COUNTY_SHARED = (*PURE_KIOSK, "kiosk.sqltypes", "kiosk.sqlite")
# The county's demo seeding (`county seed-demo` and the generated county of 数据碰撞's
# tests) is the only county code that may use the demo package.
COUNTY_DEMO = ("county.seed", "county.demo_keys", "county.demo_county")
# The terminal's end of the release check (which key it trusts) reads the terminal's
# config and enrollment; the sync daemon and the installer share it, the county never
# imports it.
RELEASE_TRUST = "sync.protocol.release.trust"
TRUST_KIOSK = ("kiosk.config", "kiosk.enrollment")


def _forbidden(module: str, imported: str) -> str | None:
    """Why ``module`` may not import ``imported``, or None if it may."""
    top = imported.split(".")[0]
    under = module.split(".")[0]

    def within(*names: str) -> bool:
        return any(imported == n or imported.startswith(n + ".") for n in names)

    if top in ("PySide6", "shiboken6") and under != "ui":
        return "only ui/ may import PySide6"
    if under == "kiosk" and top in ("drivers", "ui", "county", "sync", "update", "demo"):
        return f"kiosk/ is the core: it must not import {top}/"
    if under == "demo" and top in ("drivers", "ui", "county", "sync", "update"):
        return f"demo/ builds on the core only: it must not import {top}/"
    if under == "drivers":
        if top in ("ui", "county", "sync", "update", "demo", "sqlalchemy", "alembic"):
            return f"drivers/ know nothing of {top}"
        if top == "kiosk" and not within(*PURE_KIOSK):
            return "drivers/ may use only kiosk's pure modules"
    if under == "sync":
        if top == "update":
            return "sync/ (the daemon, kiosk user) must not import update/ (the installer, root)"
        if top in ("ui", "drivers", "county", "demo"):
            return f"sync/ must not import {top}/"
        if module == RELEASE_TRUST and within(*TRUST_KIOSK):
            return None
        if module.startswith("sync.protocol") and top in ("kiosk", "sqlalchemy") \
                and not within(*PURE_KIOSK):
            return "sync/protocol is the shared wire schema: no terminal store imports"
    if under == "update":
        if top in ("ui", "drivers", "county", "demo"):
            return f"update/ must not import {top}/"
        if top == "sync" and not within("sync.protocol"):
            return "update/ shares only sync.protocol with the sync daemon"
    if under == "ui" and top == "update":
        return "ui/ must not import update/ (update state is read through kiosk.update_state)"
    if under == "county":
        if top in ("ui", "drivers"):
            return f"county/ must not import {top}/"
        if top == "demo" and module not in COUNTY_DEMO:
            return "county/ may use the demo only in county.seed (`county seed-demo`)"
        if top == "update":
            return "county/ must not import update/"
        if top == "sync" and (not within("sync.protocol") or within(RELEASE_TRUST)):
            return "county/ shares only sync.protocol (not its terminal trust) with the terminal"
        if top == "kiosk" and not within(*COUNTY_SHARED):
            return "county/ may use only kiosk's pure modules"
    return None


def _violations(root: Path) -> list[str]:
    problems = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            rel = path.relative_to(root).with_suffix("")
            module = ".".join(rel.parts[:-1] if rel.name == "__init__" else rel.parts)
            for lineno, imported in imports(path, module):
                why = _forbidden(module, imported)
                if why:
                    problems.append(f"{path.relative_to(root)}:{lineno}: imports {imported}: {why}")
    return problems


def test_layering_holds() -> None:
    assert _violations(ROOT) == []


@pytest.mark.parametrize(
    ("package", "source"),
    [
        ("kiosk", "import PySide6.QtCore\n"),
        ("kiosk", "from drivers.idcard import codec\n"),
        ("kiosk", "from ui import app\n"),
        ("kiosk", "from county.cli import main\n"),
        ("kiosk", "import importlib\nimportlib.import_module('drivers.printer')\n"),
        ("kiosk", "from demo.village import generate_village\n"),
        ("kiosk", "import demo.terminal\n"),
        ("demo", "from ui import app\n"),
        ("demo", "import PySide6\n"),
        ("county", "from demo.village import generate_village\n"),
        ("sync", "from demo import village\n"),
        ("drivers", "from PySide6 import QtCore\n"),
        ("drivers", "from kiosk.store import open_store\n"),
        ("drivers", "import sqlalchemy\n"),
        ("county", "from kiosk.store.models import Payment\n"),
        ("county", "from sync.daemon import run\n"),
        ("sync", "from PySide6.QtCore import QObject\n"),
        ("sync", "from update.installer import install_bundle\n"),
        ("sync", "import update.spool\n"),
        ("sync/protocol", "from update.errors import UpdateError\n"),
        ("sync/protocol", "from kiosk.config import Config\n"),
        ("update", "from sync.daemon import SyncDaemon\n"),
        ("update", "from sync.release_fetch import fetch_release\n"),
        ("update", "from ui import app\n"),
        ("update", "from drivers.printer import open_printer\n"),
        ("update", "from county.releases import publish\n"),
        ("ui", "from update.cli import status_json\n"),
        ("kiosk", "from update.errors import UpdateError\n"),
        ("drivers", "import update\n"),
        ("county", "from update.installer import recover\n"),
        ("county", "from sync.protocol.release.trust import load_release_key\n"),
    ],
)
def test_checker_catches_violations(tmp_path: Path, package: str, source: str) -> None:
    _empty_tree(tmp_path)
    where = tmp_path / package
    where.mkdir(parents=True, exist_ok=True)
    (where / "__init__.py").touch()
    (where / "bad.py").write_text(source)
    assert len(_violations(tmp_path)) >= 1


def _empty_tree(root: Path) -> None:
    for name in PACKAGES:
        (root / name).mkdir()
        (root / name / "__init__.py").write_text("")


def test_checker_allows_inward_imports(tmp_path: Path) -> None:
    _empty_tree(tmp_path)
    trust = tmp_path / "sync" / "protocol" / "release"
    trust.mkdir(parents=True)
    for package in (trust.parent, trust):
        (package / "__init__.py").write_text("")
    (trust / "trust.py").write_text("from kiosk.config import Config\n"
                                    "from kiosk.enrollment import load_enrollment\n")
    (tmp_path / "update" / "ok.py").write_text(
        "from kiosk.update_state import StateFiles\nfrom kiosk.release_dirs import ReleaseDirs\n"
        "from sync.protocol.release import verify_bundle\n"
        "from sync.protocol.release.trust import load_release_key\n")
    (tmp_path / "sync" / "ok.py").write_text(
        "from kiosk.release_dirs import ReleaseDirs\n"
        "from sync.protocol.release.trust import load_release_key\n")
    (tmp_path / "ui" / "clerk.py").write_text("from kiosk.update_state import Attempt\n")
    (tmp_path / "ui" / "ok.py").write_text("import PySide6\nfrom kiosk.lookup import x\n"
                                           "from drivers.idcard import y\n")
    (tmp_path / "county" / "ok.py").write_text("from kiosk.identity import id_hash\n"
                                               "from sync.protocol import models\n")
    (tmp_path / "kiosk" / "ok.py").write_text("from .identity import mask_id\n")
    (tmp_path / "demo" / "ok.py").write_text("from kiosk.store import open_store\n")
    (tmp_path / "ui" / "demo_ok.py").write_text("from demo.terminal import seed_demo\n")
    (tmp_path / "county" / "seed.py").write_text("from demo.village import generate_village\n")
    assert _violations(tmp_path) == []
