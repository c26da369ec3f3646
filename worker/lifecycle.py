"""Per-process state of a worker: the spaCy model (loaded once per process) and fresh DB engines."""

from __future__ import annotations

import logging
from typing import Any

from celery.signals import worker_process_init
from spacy.language import Language

from pipeline.nlp import load_nlp
from storage.db import forget_inherited_engines
from worker.settings import get_settings

log = logging.getLogger(__name__)
_nlp: Language | None = None


def worker_nlp() -> Language:
    """The model of this process, loaded on first use (prefork children load it at start)."""
    global _nlp
    if _nlp is None:
        settings = get_settings()
        _nlp = load_nlp(settings.spacy_model, settings.excluded_components)
        log.info("spaCy model loaded", extra={"model": settings.spacy_model, "pipes": _nlp.pipe_names})
    return _nlp


@worker_process_init.connect
def _on_child_start(**_: Any) -> None:
    forget_inherited_engines()
    worker_nlp()
