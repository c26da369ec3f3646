"""Test-only faults, loaded by Python at start when this folder is on a worker's PYTHONPATH.

Production code carries none of this: the fault scenarios put the folder on PYTHONPATH and set
NEWSWORKER_FAULT_HOOKS=1, and an article whose text holds a marker below misbehaves on purpose.
"""

from __future__ import annotations

import contextlib
import os
import time
from typing import Any

EXIT = "NW-FAULT-EXIT"  # the process dies at once, every delivery (a poison article)
RAISE = "NW-FAULT-RAISE"  # an unexpected exception inside the pipeline
SLEEP = "NW-FAULT-SLEEP"  # sleeps until the soft time limit interrupts it
HANG = "NW-FAULT-HANG"  # ignores the soft time limit: only the hard limit (kill) ends it
HOG = "NW-FAULT-HOG"  # allocates memory until the per-process limit refuses it


def _hang() -> None:
    deadline = time.monotonic() + 3600
    while time.monotonic() < deadline:
        with contextlib.suppress(BaseException):  # swallowing the soft time limit is the point
            time.sleep(1)


def _hog() -> None:
    import numpy

    hoard = []
    for _ in range(80):  # at most 8 GiB, never touched (so never resident): bounded even without a limit
        hoard.append(numpy.empty(100 * 2**20, dtype=numpy.uint8))
    raise RuntimeError(f"the memory limit did not stop an allocation of {len(hoard) * 100} MiB")


def _install() -> None:
    import pipeline.process as pipeline_process

    real = pipeline_process.process

    def process(article: Any, nlp: Any) -> Any:
        body = (article.text or "") + (article.html or "")
        if EXIT in body:
            os._exit(1)
        if RAISE in body:
            raise RuntimeError("fault hook: an unexpected bug in a pipeline stage")
        if SLEEP in body:
            time.sleep(3600)
        if HANG in body:
            _hang()
        if HOG in body:
            _hog()
        return real(article, nlp)

    pipeline_process.process = process


if os.environ.get("NEWSWORKER_FAULT_HOOKS") == "1":
    _install()
