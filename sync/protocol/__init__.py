"""sync/protocol package."""
