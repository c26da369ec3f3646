"""Stage timings for whoever wants them (the worker's metrics): stdlib only, nothing is kept here.

`process` wraps each stage in `timed(name)`; an observer registered with `observe_stages` gets
(stage, seconds) after each one. With no observer the cost is two clock reads per stage.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

StageObserver = Callable[[str, float], None]
_observers: list[StageObserver] = []


def observe_stages(observer: StageObserver) -> None:
    """Call `observer(stage, seconds)` after every pipeline stage in this process."""
    if observer not in _observers:
        _observers.append(observer)


@contextmanager
def timed(stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        elapsed = time.perf_counter() - started
        for observer in _observers:
            observer(stage, elapsed)
