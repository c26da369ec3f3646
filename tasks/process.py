"""The Celery task shell: decode, hand to `handle_article`, retry transient failures with backoff.

The message is acknowledged only after the article is stored or its failure recorded. Anything else
hands the message back to Redis (requeue, or redelivery after the visibility timeout), where the
delivery counter bounds how often it can come back.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any

from celery import Task
from celery.exceptions import Reject, Retry

from tasks.contract import TaskNames
from tasks.errors import TransientFailure
from tasks.handler import Context, handle_article
from worker.app import app
from worker.deliveries import DeliveryCounter
from worker.lifecycle import worker_nlp
from worker.settings import get_settings

log = logging.getLogger(__name__)
MAX_BACKOFF_SECONDS = 300
# 2 + 4 + … + 300 s ≈ 40 min of retries before a persisting outage is recorded (when it can be).
MAX_TRANSIENT_RETRIES = 15


@lru_cache(maxsize=1)
def _counter(broker_url: str) -> DeliveryCounter:
    return DeliveryCounter(broker_url)


def backoff(retries: int) -> int:
    return int(min(MAX_BACKOFF_SECONDS, 2 ** min(retries + 1, 10)))


# max_retries=None on the task: Celery's retry(max_retries=None) falls back to the task's default of 3,
# and then re-raises the error, which acknowledges (drops) the message.
@app.task(name=TaskNames.PROCESS, bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def process_article(self: Task, payload: Any) -> dict[str, Any]:
    settings = get_settings()
    ctx = Context(
        database_url=settings.database,
        max_bytes=settings.max_article_bytes,
        max_deliveries=settings.max_deliveries,
        deliveries=_counter(settings.broker),
        task_id=self.request.id,
        last_attempt=self.request.retries >= MAX_TRANSIENT_RETRIES,
    )
    try:
        return handle_article(payload, worker_nlp(), ctx).as_dict()
    except TransientFailure as err:
        log.warning(
            "article will be retried",
            extra={"task_id": self.request.id, "error": str(err), "retries": self.request.retries},
        )
        raise retry_later(self, err) from err
    except Exception as err:
        # Not the article's fault and not recorded: hand it back; the delivery cap bounds the loop.
        log.exception("article handed back to the queue", extra={"task_id": self.request.id})
        raise Reject(f"{type(err).__name__}: {err}", requeue=True) from err


def retry_later(task: Task, err: TransientFailure) -> BaseException:
    """The exception that makes Celery retry later; never one that drops the message."""
    try:
        task.retry(exc=err, countdown=backoff(task.request.retries), max_retries=None)
    except Retry as retry:
        scheduled: BaseException = retry
        return scheduled
    except Exception:
        pass  # Celery could not publish the retry (broker down) and would drop the message
    # Left unacknowledged, the message comes back after VISIBILITY_TIMEOUT once Redis is up.
    handed_back: BaseException = Reject(f"could not schedule a retry: {err}", requeue=True)
    return handed_back
