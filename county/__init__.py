"""county package."""
