"""What `newsworker worker` switches on before Celery starts: change events, metrics, log context."""

from __future__ import annotations

import atexit
import contextvars
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from celery.signals import task_postrun, task_prerun

from worker.settings import Settings

_task_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("task_id", default=None)
_external_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("external_id", default=None)


class TaskContext(logging.Filter):
    """Adds the running task's id and the article's own id (or URL) to every log record of the task."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _task_id.get() is not None and not hasattr(record, "task_id"):
            record.task_id = _task_id.get()
        if _external_id.get() is not None and not hasattr(record, "external_id"):
            record.external_id = _external_id.get()
        return True


@task_prerun.connect
def _enter_task(task_id: str | None = None, args: Any = None, **_: Any) -> None:
    _task_id.set(task_id)
    payload = args[0] if args else None
    ident = (payload.get("id") or payload.get("url")) if isinstance(payload, dict) else None
    _external_id.set(str(ident)[:512] if ident else None)


@task_postrun.connect
def _leave_task(**_: Any) -> None:
    _task_id.set(None)
    _external_id.set(None)


def metrics_dir() -> str:
    """A fresh folder for this worker's multiprocess metric files (inside PROMETHEUS_MULTIPROC_DIR when set):
    counts of an earlier run must not leak into this one."""
    parent = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if parent:
        Path(parent).mkdir(parents=True, exist_ok=True)
    return tempfile.mkdtemp(prefix="newsworker-metrics-", dir=parent or None)


def _remove_metrics_dir(owner: int, path: str) -> None:
    if os.getpid() == owner:  # never from a forked child that happens to run exit handlers
        shutil.rmtree(path, ignore_errors=True)


def install(settings: Settings) -> None:
    """Call in the worker's main process before the Celery worker starts (children inherit it all)."""
    for handler in logging.getLogger().handlers:
        handler.addFilter(TaskContext())
    import worker.events  # noqa: F401 - connects the change-event signal

    if not settings.metrics_port:
        return
    # prometheus_client picks its multiprocess mode when first imported: the variable must come first.
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir()
    atexit.register(_remove_metrics_dir, os.getpid(), os.environ["PROMETHEUS_MULTIPROC_DIR"])
    from worker.metrics import serve

    serve(settings.metrics_port, settings.broker, os.environ["PROMETHEUS_MULTIPROC_DIR"])
