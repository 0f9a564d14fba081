"""County has one error root, and every error carries a stable code the same way.

Every module of county/ is imported and every exception class defined there
is checked: a :class:`county.errors.CountyError`, with a ``code`` class
attribute of its own ("layer.reason"). The codes the HTTP API and the CLI
already print are contracts: a few are pinned here.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import pytest

import county
from county.errors import CountyError

_CODE = re.compile(r"^[a-z][a-z_]*(\.[a-z][a-z_]*)+$")


def _county_errors() -> list[type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for info in pkgutil.walk_packages(county.__path__, "county."):
        if ".migrations" in info.name or info.name.endswith("__main__"):
            continue  # Alembic scripts run inside a migration; __main__ runs the CLI
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if (inspect.isclass(obj) and issubclass(obj, BaseException)
                    and obj.__module__ == info.name):
                found[f"{info.name}.{name}"] = obj
    return [found[k] for k in sorted(found)]


ERRORS = _county_errors()


def test_the_walk_finds_the_errors() -> None:
    names = {e.__name__ for e in ERRORS}
    assert {"CliError", "PublishError", "DatabaseError", "ConsoleError", "ApiError",
            "CountyConfigError", "SourceError", "CorrectionNotFound"} <= names


@pytest.mark.parametrize("error", ERRORS, ids=lambda e: f"{e.__module__}.{e.__name__}")
def test_one_root_and_a_code_of_its_own(error: type[BaseException]) -> None:
    assert issubclass(error, CountyError)
    assert "code" in vars(error), "declares its own code"
    assert _CODE.fullmatch(str(vars(error)["code"]))


def test_codes_that_are_contracts_stay() -> None:
    from county.changes import CursorError
    from county.cli.common import CliError
    from county.complaints import ComplaintConflictError, ComplaintRateError
    from county.corrections import CorrectionNotFound
    from county.db import DatabaseError
    from county.exports import ExportFormatError
    from county.terminals import EnrollError

    assert (CursorError.code, EnrollError.code, ComplaintConflictError.code,
            ComplaintRateError.code, CorrectionNotFound.code, DatabaseError.code,
            ExportFormatError.code) == (
        "changes.invalid_cursor", "enroll.invalid_code", "complaint.key_reused",
        "complaint.rate_limited", "correction.not_found", "db.unavailable", "export.format")
    assert issubclass(CliError, CountyError)


def test_a_value_error_stays_one_for_its_callers() -> None:
    # Callers catch these as ValueError/LookupError: the root is added, not swapped in.
    from county.complaints import NoSuchComplaintError
    from county.corrections import CorrectionError
    from county.importer import SourceError

    assert issubclass(SourceError, ValueError) and issubclass(CorrectionError, ValueError)
    assert issubclass(NoSuchComplaintError, LookupError)
