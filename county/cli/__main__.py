"""`python -m county.cli`: the same program as the `county` script."""

from __future__ import annotations

import sys

from county.cli.main import main

sys.exit(main())
