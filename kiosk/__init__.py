"""village-kiosk terminal core: config, cache, lookup, complaints, receipts. No Qt here."""

__version__ = "0.1.0"
