"""Person keys on the terminal (issue 12): derivation, bounds, enrollment file, one per read."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, insert

import kiosk.lookup
from kiosk.enrollment import Enrollment, EnrollmentError, load_enrollment, save_enrollment
from kiosk.lookup import BenefitLookup
from kiosk.person_key import PersonKdf, PersonKdfError, derive_person_key
from kiosk.store.models import HouseholdMember, Payment

LONG = "43122619560322079X"
KDF = PersonKdf(b"village salt 16+", 16, 1, 1)


def test_derivation_is_scrypt_of_the_normalised_number() -> None:
    expected = hashlib.scrypt(LONG.encode(), salt=KDF.salt, n=16, r=1, p=1, dklen=32).hex()
    assert derive_person_key(KDF, "431226 19560322 079x") == expected
    assert derive_person_key(PersonKdf(b"other village 16", 16, 1, 1), LONG) != expected


@pytest.mark.parametrize(("field", "value"), [
    ("n", 3), ("n", 1 << 21), ("r", 0), ("r", 33), ("p", 5), ("generation", 0),
    ("salt", "c2hvcnQ="), ("n", True), ("scheme", "argon2id")])
def test_parameters_a_hostile_county_could_send_are_refused(field: str, value: object) -> None:
    data = {**KDF.to_json(), field: value}
    with pytest.raises(PersonKdfError):
        PersonKdf.from_json(data)


def test_enrollment_file_round_trip_without_lookup_key(tmp_path: Path) -> None:
    path = tmp_path / "enrollment.json"
    village = Enrollment("T00002", "tok", b"", "https://county", "", datetime.now(UTC), KDF,
                         b"r" * 32)
    save_enrollment(path, village)
    assert load_enrollment(path) == village
    data = json.loads(path.read_text())
    data["receipt_key"] = ""
    path.write_text(json.dumps(data))
    with pytest.raises(EnrollmentError, match="receipt_key"):
        load_enrollment(path)
    del data["person_kdf"]
    path.write_text(json.dumps(data))
    with pytest.raises(EnrollmentError, match="lookup_key"):  # neither scheme: refused
        load_enrollment(path)


def test_a_card_read_derives_once(empty_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    key = derive_person_key(KDF, LONG)
    with empty_engine.begin() as conn:
        conn.execute(insert(HouseholdMember).values(id_hash=key, household_id="H1",
                                                    updated_at=datetime.now(UTC)))
        conn.execute(insert(Payment).values(
            id=1, id_hash=key, household_id="H1", item_code="dibao", period="2024-03",
            amount_fen=30000, paid_on=date(2024, 3, 5), status="paid", department="县民政局",
            fund_source="", batch="", updated_at=datetime.now(UTC)))
    calls: list[str] = []

    def counting(kdf: PersonKdf, number: str) -> str:
        calls.append(number)
        return derive_person_key(kdf, number)

    monkeypatch.setattr(kiosk.lookup, "derive_person_key", counting)
    lookup = BenefitLookup(empty_engine, KDF)
    try:
        result = lookup.lookup(LONG)
        assert [p.amount_fen for y in result.years for p in y.payments] == [30000]
        assert lookup.holder_key(LONG) == key  # the complaint path: no second derivation
        assert len(calls) == 1
        lookup.lookup("431226195903224821")
        assert len(calls) == 2
    finally:
        lookup.close()
