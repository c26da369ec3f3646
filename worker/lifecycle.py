"""Per-process state of a worker: the spaCy model (loaded once per process), fresh DB engines, the
memory limit of each child, and what the main process does when it kills a child on a hard time limit."""

from __future__ import annotations

import logging
import resource
from typing import Any

from celery.exceptions import TimeLimitExceeded
from celery.signals import task_failure, worker_process_init
from spacy.language import Language

from pipeline.language import load_language_model
from pipeline.nlp import limit_blas_threads, load_nlp
from storage.db import forget_inherited_engines
from worker.deliveries import DeliveryCounter
from worker.settings import Settings, get_settings

log = logging.getLogger(__name__)
_nlp: Language | None = None


def worker_nlp() -> Language:
    """The model of this process, loaded on first use (prefork children load it at start)."""
    global _nlp
    if _nlp is None:
        settings = get_settings()
        _nlp = load_configured_nlp(settings)
        load_language_model()
        log.info("spaCy model loaded", extra={"model": settings.spacy_model, "pipes": _nlp.pipe_names})
    return _nlp


def load_configured_nlp(settings: Settings) -> Language:
    """The spaCy model as the settings ask for it (components, matrix library, BLAS threads)."""
    limit_blas_threads(settings.blas_threads)
    return load_nlp(settings.spacy_model, settings.excluded_components, matmul=settings.spacy_matmul)


def limit_memory(kib: int) -> None:
    """Cap this process's data segment: an allocation beyond it raises MemoryError (the article fails,
    the process lives) instead of the kernel's OOM killer taking the process or the machine down."""
    if kib <= 0:
        return
    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = kib * 1024 if hard == resource.RLIM_INFINITY else min(kib * 1024, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


@worker_process_init.connect
def _on_child_start(**_: Any) -> None:
    forget_inherited_engines()
    limit_memory(get_settings().worker_memory_limit)
    worker_nlp()


@task_failure.connect
def _on_hard_time_limit(task_id: str | None = None, exception: BaseException | None = None, **_: Any) -> None:
    """Runs in the main process after it killed a child on TASK_TIME_LIMIT. The message goes back to
    the queue (task_acks_on_timeout off); marking it makes its next delivery a recorded failure."""
    if not isinstance(exception, TimeLimitExceeded) or not task_id:
        return
    limit = get_settings().task_time_limit
    try:
        DeliveryCounter(get_settings().broker).mark(
            task_id, f"hard time limit exceeded: the article was still running after {limit} s (TASK_TIME_LIMIT)"
        )
    except Exception:  # the broker is down: the delivery cap still ends the article later
        log.exception("could not mark a timed-out article", extra={"task_id": task_id})
