"""Exponential backoff with full jitter and a cap (the daemon's retry pacing).

"Full jitter": the delay is uniform in ``[0, min(cap, base * 2**n)]``, so a
fleet of terminals that lost the link together does not come back together.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

__all__ = ["Backoff"]


@dataclass
class Backoff:
    """Delays (seconds) for consecutive failures; :meth:`reset` after a success."""

    base_s: float
    cap_s: float
    failures: int = 0
    rng: random.Random = field(default_factory=random.Random)

    def ceiling(self, failures: int) -> float:
        """The upper bound of the delay after ``failures`` consecutive failures."""
        if failures <= 0:
            return 0.0
        # Cap the exponent too: 2**n overflows floats long after it stops mattering.
        return min(self.cap_s, self.base_s * 2.0 ** min(failures - 1, 60))

    def next_delay(self) -> float:
        """Count one more failure and return how long to wait before retrying."""
        self.failures += 1
        return self.rng.uniform(0.0, self.ceiling(self.failures))

    def reset(self) -> None:
        """Forget the failures (after a success)."""
        self.failures = 0
