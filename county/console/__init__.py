"""The county web console (DESIGN.md §9): accounts, roles, sessions, audit log and pages.

``models`` the tables; ``accounts`` users, passwords, lock-out and sessions;
``audit`` the append-only log; ``stats`` the dashboard's aggregates, read from
the ``summary`` tables; ``web`` the helpers of every page (rendering, the
viewer, CSRF, audit, downloads); ``pages`` and ``imports_page`` the pages;
``mount`` login, logout and :func:`county.console.mount.mount_console`, which
mounts the pages into the county FastAPI app; ``errors`` the layer's error
root. The console keeps no state outside the database (sessions and pending
uploads are rows), so several app processes can serve one PostgreSQL.
Officers' guide: docs/console-guide.md.
"""
