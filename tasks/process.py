"""The Celery task shell: decode, hand to `handle_article`, retry transient failures with backoff."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from celery import Task

from tasks.contract import TaskNames
from tasks.errors import TransientFailure
from tasks.handler import Context, handle_article
from worker.app import app
from worker.deliveries import DeliveryCounter
from worker.lifecycle import worker_nlp
from worker.settings import get_settings

MAX_BACKOFF_SECONDS = 300


@lru_cache(maxsize=1)
def _counter(broker_url: str) -> DeliveryCounter:
    return DeliveryCounter(broker_url)


def backoff(retries: int) -> int:
    return int(min(MAX_BACKOFF_SECONDS, 2 ** min(retries, 10)))


@app.task(name=TaskNames.PROCESS, bind=True, acks_late=True, reject_on_worker_lost=True)
def process_article(self: Task, payload: Any) -> dict[str, Any]:
    settings = get_settings()
    ctx = Context(database_url=settings.database, max_bytes=settings.max_article_bytes,
                  max_deliveries=settings.max_deliveries, deliveries=_counter(settings.broker),
                  task_id=self.request.id)
    try:
        return handle_article(payload, worker_nlp(), ctx).as_dict()
    except TransientFailure as err:
        raise self.retry(exc=err, countdown=backoff(self.request.retries), max_retries=None) from err
