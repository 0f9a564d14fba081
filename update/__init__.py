"""The release installer: runs as root, installs a signed bundle, or goes back.

Owns `kiosk update verify|install|status|recover` (:mod:`update.cli`), the
install and recovery (:mod:`update.installer`), the offline venv build
(:mod:`update.venv`), the pre-update database backup (:mod:`update.db_backup`),
the spool root empties (:mod:`update.spool`) and its errors
(:mod:`update.errors`). It imports the core (kiosk/, including the update
state files and the release directory layout it shares with the sync daemon)
and the wire protocol (sync.protocol, including the release key check), never
the sync daemon; the daemon never imports it (tests/test_layering.py).
"""
