"""Every table of a county database read back whole, for comparing two databases.

Used where two ways of importing must store the same thing
(test_import_copy.py, test_import_stream.py). The payees' sealed numbers and
names (random nonces) are compared decrypted.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, MetaData, select

from county.payees import load_vault

__all__ = ["dump_tables"]


def dump_tables(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Table name → its rows (sorted), person rows decrypted with the ID key file."""
    vault = load_vault(str(engine.url), create=False)
    meta = MetaData()
    meta.reflect(engine)
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            rows = []
            for row in conn.execute(select(table)):
                values = row._asdict()
                if table.name == "person":  # sealed with random nonces: compare the plaintext
                    values["id_enc"] = vault.open(values["id_hash"], values["id_enc"])
                    values["name_enc"] = vault.open(values["id_hash"], values["name_enc"])
                rows.append(tuple(sorted(values.items())))
            out[table.name] = sorted(rows, key=repr)
    return out
