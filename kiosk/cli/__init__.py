"""The `kiosk` command line: a dispatcher plus one module per command group."""
