"""One error root per layer, codes carried one way (STYLE.md rule 28, issue 21).

Every exception class defined in ``kiosk/`` (and ``demo/``, which builds on it)
derives from :class:`kiosk.errors.KioskError`, every one in ``drivers/`` from
:class:`drivers.errors.DriverError`, every one in ``ui/`` from
:class:`ui.errors.UiError` (all three from :class:`kiosk.errors.CodedError`);
each carries its ``code`` as a class attribute of the form ``area.reason``.
The codes released before are pinned: they are contracts shown in JSON, logs
and on the clerk screen.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from types import ModuleType

import pytest

from drivers.errors import DriverError
from kiosk.errors import CodedError, KioskError
from ui.errors import UiError

CODE = re.compile(r"[a-z][a-z_]*\.[a-z][a-z_]*")
ROOTS: dict[str, type[Exception]] = {"kiosk": KioskError, "demo": KioskError,
                                     "drivers": DriverError, "ui": UiError}


def _modules(package: str) -> list[ModuleType]:
    root = importlib.import_module(package)
    names = [package] + [m.name for m in pkgutil.walk_packages(root.__path__, package + ".")
                         if ".migrations" not in m.name]
    return [importlib.import_module(n) for n in names]


def _exceptions(package: str) -> list[type[BaseException]]:
    found = {}
    for module in _modules(package):
        for _, obj in inspect.getmembers(module, inspect.isclass):
            if issubclass(obj, BaseException) and obj.__module__ == module.__name__:
                found[f"{obj.__module__}.{obj.__qualname__}"] = obj
    return list(found.values())


@pytest.mark.parametrize("package", sorted(ROOTS))
def test_every_error_has_the_layer_root_and_a_code(package: str) -> None:
    classes = _exceptions(package)
    assert classes, f"no exception classes found in {package}/: the walk is broken"
    strays = [f"{c.__module__}.{c.__qualname__}" for c in classes
              if not issubclass(c, ROOTS[package]) and c is not CodedError]
    assert strays == []
    bad_codes = [(c.__qualname__, getattr(c, "code", None)) for c in classes
                 if not CODE.fullmatch(str(getattr(c, "code", ""))) and c is not CodedError]
    assert bad_codes == []


def test_the_roots_share_one_way_of_carrying_codes() -> None:
    assert all(issubclass(root, CodedError) for root in ROOTS.values())
    error = DriverError("the reader fell off the table", code="idcard.transport")
    assert (error.code, str(error), DriverError.code) == (
        "idcard.transport", "the reader fell off the table", "driver.error")


def test_one_class_per_name_in_the_terminal_core() -> None:
    names = [c.__qualname__ for c in _exceptions("kiosk") + _exceptions("demo")]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


# Codes released before issue 21: never renamed.
PINNED = {
    "kiosk.store.schema.StoreError": "store.error",
    "kiosk.store.schema.FutureDatabaseError": "store.future_schema",
    "kiosk.store.schema.StoreUnavailableError": "store.unavailable",
    "kiosk.enrollment.EnrollmentError": "enrollment.invalid",
    "kiosk.enrollment.EnrollmentMissingError": "enrollment.missing",
    "kiosk.pushable.SettingError": "setting.invalid",
    "kiosk.pushable.UnknownSettingError": "setting.unknown_key",
    "kiosk.pushable.BadSettingValueError": "setting.bad_value",
    "kiosk.receipt.signature.ReceiptUrlError": "receipt.bad_url",
    "kiosk.receipt.signature.ReceiptVersionError": "receipt.version",
    "kiosk.receipt.signature.ReceiptSignatureError": "receipt.bad_signature",
    "drivers.idcard.errors.IdCardError": "idcard.error",
    "drivers.idcard.errors.CodecError": "idcard.codec",
    "drivers.idcard.errors.FrameError": "idcard.frame",
    "drivers.idcard.errors.ChecksumError": "idcard.checksum",
    "drivers.idcard.errors.CardDataError": "idcard.card_data",
    "drivers.idcard.errors.BlockLengthError": "idcard.block_length",
    "drivers.idcard.errors.CardRemoved": "idcard.card_removed",
    "drivers.idcard.errors.TransportError": "idcard.transport",
    "drivers.idcard.errors.ReaderUnavailable": "idcard.unavailable",
    "drivers.idcard.errors.ReaderTimeout": "idcard.timeout",
    "drivers.idcard.errors.SamError": "idcard.sam",
    "drivers.idcard.reader.CardReadFailed": "idcard.read_failed",
    "drivers.idcard.pcsc.ApduError": "idcard.apdu",
    "drivers.printer.errors.PrinterError": "printer.error",
    "drivers.printer.errors.PrinterUriError": "printer.bad_uri",
    "drivers.printer.errors.PrinterUnavailableError": "printer.unavailable",
    "drivers.printer.errors.FontMissingError": "printer.font_missing",
    "drivers.printer.errors.DisconnectedError": "printer.disconnected",
    "drivers.printer.errors.PrinterNotReadyError": "printer.not_ready",
    "drivers.printer.errors.PaperOutError": "printer.paper_out",
    "drivers.printer.errors.CoverOpenError": "printer.cover_open",
    "drivers.printer.errors.PrinterOfflineError": "printer.offline",
    "drivers.printer.errors.NoAnswerError": "printer.no_answer",
}


@pytest.mark.parametrize(("path", "code"), sorted(PINNED.items()))
def test_released_codes_are_unchanged(path: str, code: str) -> None:
    module, _, name = path.rpartition(".")
    assert getattr(importlib.import_module(module), name).code == code


def test_an_instance_may_narrow_its_code_and_the_message_never_repeats_it() -> None:
    from kiosk.complaints import ComplaintError, normalise_phone
    from kiosk.identity import IdNumberError, validate_id

    with pytest.raises(IdNumberError) as id_info:
        validate_id("43122619560322079Y")
    assert id_info.value.code == "id.characters" != IdNumberError.code
    assert "id." not in str(id_info.value)
    with pytest.raises(ComplaintError) as phone_info:
        normalise_phone("12345")
    assert phone_info.value.code == "complaint.phone" != ComplaintError.code
    assert "complaint." not in str(phone_info.value)
