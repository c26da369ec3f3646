"""Cost on odd input, for the growth tests: compared between two sizes, never against a clock."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_cpu_seconds(run: Callable[[], object], repeats: int = 2) -> float:
    """The least CPU time (of this process: other work on the machine does not count) `run()` took
    over `repeats` calls."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        run()
        best = min(best, time.process_time() - started)
    return best
