"""The county web console (DESIGN.md §9): accounts, roles, sessions, audit log and pages.

``models`` the tables; ``accounts`` users, passwords and sessions; ``audit``
the append-only log; ``stats`` the dashboard's aggregates; ``web`` the
server-rendered pages mounted into the county FastAPI app by
:func:`county.console.web.mount_console`. The console keeps no state outside
the database (sessions and pending uploads are rows), so several app
processes can serve one PostgreSQL.
"""
