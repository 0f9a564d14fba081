"""`kiosk` command groups that wire kiosk/ services to drivers/ (no PySide6 at import)."""
