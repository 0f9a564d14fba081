"""The command line imports only what the chosen command needs (start-up time, issue 20).

Each case runs a command in a fresh interpreter and looks at ``sys.modules``
afterwards: no timing, so a loaded machine cannot make it fail. The figures
are in tests/bench/bench_startup.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

#: Runs ``main(argv)`` of a command-line module, then lists the modules loaded.
_PROBE = """
import json, sys
from {module} import main
try:
    code = main({argv!r})
except SystemExit as exc:
    code = exc.code
with open({out!r}, "w") as f:
    json.dump({{"code": code, "modules": sorted(sys.modules)}}, f)
"""

#: Heavy libraries (and our own layers over them) that no help text needs.
HEAVY = ("sqlalchemy", "alembic", "PySide6", "escpos", "PIL", "fastapi", "pydantic",
         "cryptography", "serial", "smartcard", "drivers.printer", "sync.daemon",
         "kiosk.store", "county.db", "pypinyin", "drivers.speech")


def _loaded(module: str, argv: list[str], tmp_path: Path) -> tuple[object, set[str]]:
    out = tmp_path / "modules.json"
    code = _PROBE.format(module=module, argv=argv, out=str(out))
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    data = json.loads(out.read_text(encoding="utf-8"))
    return data["code"], set(data["modules"])


def _heavy(modules: set[str], allowed: tuple[str, ...] = ()) -> list[str]:
    return sorted(m for m in modules for h in HEAVY
                  if (m == h or m.startswith(h + ".")) and h not in allowed)


@pytest.mark.parametrize(("module", "argv"), [
    ("kiosk.cli.main", ["--help"]),
    ("kiosk.cli.main", ["lookup", "--help"]),
    ("kiosk.cli.main", ["idcard", "read", "--help"]),
    ("kiosk.cli.main", ["update", "verify", "--help"]),
    ("kiosk.cli.main", ["print", "--help"]),
    ("kiosk.cli.main", ["db", "seed-demo", "--help"]),
    ("kiosk.cli.main", ["say", "--help"]),
    ("county.cli", ["--help"]),
    ("county.cli", ["release", "build", "--help"]),
    ("county.cli", ["notice", "add", "--help"]),
])
def test_help_imports_nothing_heavy(module: str, argv: list[str], tmp_path: Path) -> None:
    code, modules = _loaded(module, argv, tmp_path)
    assert code == 0
    assert _heavy(modules) == []


def test_kiosk_help_loads_every_group(tmp_path: Path) -> None:
    # The one probe that must see all groups: each still registers (and stays light).
    code, modules = _loaded("kiosk.cli.main", ["--help"], tmp_path)
    assert code == 0
    for group in ("kiosk.cli.db", "kiosk.cli.lookup", "ui.commands.idcard_cmd",
                  "ui.commands.print_cmd", "ui.commands.ui_cmd", "sync.cli", "update.cli",
                  "demo.cli", "ui.commands.say_cmd"):
        assert group in modules


def test_a_command_loads_only_its_group(tmp_path: Path) -> None:
    code, modules = _loaded("kiosk.cli.main", ["lookup", "--help"], tmp_path)
    assert code == 0
    assert "kiosk.cli.lookup" in modules
    assert not {"kiosk.cli.db", "sync.cli", "ui.commands.print_cmd"} & modules


def _demo_kiosk(tmp_path: Path) -> Path:
    """A config whose store holds the demo village (seeded, so current)."""
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[store]\npath = "{tmp_path}/kiosk.db"\n'
                      f'[enrollment]\nfile = "{tmp_path}/enrollment.json"\n', encoding="utf-8")
    subprocess.run([sys.executable, "-m", "kiosk.cli.main", "db", "seed-demo", "--config",
                    str(config)], check=True, timeout=300, stdout=subprocess.DEVNULL)
    return config


def test_a_lookup_on_an_up_to_date_store_needs_no_sqlalchemy(tmp_path: Path) -> None:
    config = _demo_kiosk(tmp_path)
    code, modules = _loaded("kiosk.cli.main",
                            ["lookup", "43122619560322079X", "--config", str(config)], tmp_path)
    assert code == 0
    # A current cache is read with plain sqlite3; pydantic checks the config file.
    assert _heavy(modules, allowed=("pydantic",)) == []


@pytest.mark.parametrize("argv", [["sync", "status"], ["db", "stats", "--json"],
                                  ["db", "upgrade"]])
def test_status_commands_read_a_current_cache_without_sqlalchemy(argv: list[str],
                                                                 tmp_path: Path) -> None:
    # What the updater's health checks, scripts and clerks run: plain sqlite3, read-only.
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[store]\npath = "{tmp_path}/kiosk.db"\n', encoding="utf-8")
    subprocess.run([sys.executable, "-m", "kiosk.cli.main", "db", "upgrade", "--config",
                    str(config)], check=True, timeout=300, stdout=subprocess.DEVNULL)
    code, modules = _loaded("kiosk.cli.main", [*argv, "--config", str(config)], tmp_path)
    assert code == 0
    assert _heavy(modules, allowed=("pydantic",)) == []


def test_county_commands_open_a_current_database_without_alembic(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path}/county.db"
    assert _loaded("county.cli", ["item", "list", "--db", url], tmp_path)[0] == 0  # migrates
    code, modules = _loaded("county.cli", ["item", "list", "--db", url], tmp_path)
    assert code == 0
    assert not any(m == "alembic" or m.startswith("alembic.") for m in modules)


@pytest.fixture(scope="module")
def county_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A demo county database, migrated and seeded once for the listing probes."""
    path = tmp_path_factory.mktemp("county") / "county.db"
    url = f"sqlite:///{path}"
    subprocess.run([sys.executable, "-m", "county.cli", "seed-demo", "--db", url], check=True,
                   timeout=300, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return url


#: What a county listing needs none of: the web layer, the wire models, the tools.
NOT_FOR_LISTINGS = ("fastapi", "starlette", "pydantic", "sync.protocol.messages",
                    "county.app", "county.console.app", "county.collision.run", "openpyxl",
                    "cryptography", "alembic")


@pytest.mark.parametrize("argv", [["item", "list"], ["notice", "list"], ["setting", "list"],
                                  ["terminals"], ["complaints", "list"], ["user", "list"],
                                  ["import", "list"], ["release", "list"]])
def test_county_listings_load_no_web_or_wire_layer(argv: list[str], county_url: str,
                                                   tmp_path: Path) -> None:
    code, modules = _loaded("county.cli", [*argv, "--db", county_url], tmp_path)
    assert code == 0
    assert sorted(m for m in modules for h in NOT_FOR_LISTINGS
                  if m == h or m.startswith(h + ".")) == []


#: What a plain listing needs none of: the database layer of the server (SQLAlchemy, its ORM,
#: the models and county.db) and pydantic; a current database is read through sqlite3.
NOT_FOR_PLAIN_LISTINGS = ("sqlalchemy", "county.models", "county.db", "county.releases.models",
                          "pydantic", "alembic", "psycopg")


@pytest.mark.parametrize("argv", [["item", "list"], ["item", "list", "--json"],
                                  ["notice", "list", "--all"], ["setting", "list"],
                                  ["terminals"], ["terminals", "--json"], ["import", "list"],
                                  ["release", "list"], ["release", "list", "--json"],
                                  ["user", "list"], ["user", "list", "--json"],
                                  ["complaints", "list"], ["complaints", "list", "--json"]])
def test_county_listings_of_a_current_database_load_no_sqlalchemy(
        argv: list[str], county_url: str, tmp_path: Path) -> None:
    code, modules = _loaded("county.cli", [*argv, "--db", county_url], tmp_path)
    assert code == 0
    assert "county.plain_lists" in modules  # read, and through the plain path
    assert sorted(m for m in modules for h in NOT_FOR_PLAIN_LISTINGS
                  if m == h or m.startswith(h + ".")) == []


def test_a_listing_of_a_new_database_migrates_it_first(tmp_path: Path) -> None:
    # Not current: opened through county.db (migrated, catalogue stocked), then listed.
    url = f"sqlite:///{tmp_path}/new.db"
    code, modules = _loaded("county.cli", ["item", "list", "--db", url], tmp_path)
    assert code == 0 and "county.db" in modules and "county.plain_lists" in modules
    code, modules = _loaded("county.cli", ["item", "list", "--db", url], tmp_path)
    assert code == 0 and "sqlalchemy" not in modules


def test_the_wire_package_loads_its_models_on_first_use() -> None:
    # sync.protocol.errors (ErrorCode) must not drag pydantic in; every exported name resolves.
    probe = ("import sys, sync.protocol.errors; assert 'pydantic' not in sys.modules; "
             "import sync.protocol as p; assert all(getattr(p, n) is not None for n in p.__all__)")
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=60)


def test_user_list_hashes_no_password(county_url: str, tmp_path: Path) -> None:
    # The dummy hash (for unknown login names) is made on first login, not at import.
    code = _PROBE.format(module="county.cli", argv=["user", "list", "--db", county_url],
                         out=str(tmp_path / "modules.json"))
    probe = ("import argon2\ncalls = []\n_hash = argon2.PasswordHasher.hash\n"
             "argon2.PasswordHasher.hash = lambda self, p: calls.append(p) or _hash(self, p)\n"
             + code + "\nassert calls == [], calls\n")
    subprocess.run([sys.executable, "-c", probe], check=True, timeout=120,
                   stdout=subprocess.DEVNULL)


def test_a_receipt_printed_from_a_current_store_needs_no_sqlalchemy(tmp_path: Path) -> None:
    # The receipt's lookup reads a current cache with plain sqlite3, as `kiosk lookup` does.
    config = _demo_kiosk(tmp_path)
    code, modules = _loaded("kiosk.cli.main",
                            ["print", "receipt", "43122619560322079X", "--printer",
                             f"file://{tmp_path}/printer.bin", "--config", str(config)], tmp_path)
    assert code == 0
    assert (tmp_path / "printer.bin").stat().st_size > 0
    assert not any(m == "sqlalchemy" or m.startswith("sqlalchemy.") for m in modules)
