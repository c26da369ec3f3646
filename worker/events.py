"""Change events: after an article's results are committed, one entry on the Redis stream
`newsworker:events` (article id, content hash, cursor), so consumers learn of it without polling.

Emitted from Celery's `task_postrun` signal, which fires after the task returned, i.e. after its
transaction committed; a failed, retried or handed-back article emits nothing. An event lost to a
broker outage is not retried: `newsworker export --since CURSOR` is the consumer's catch-up path.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import redis
from celery.signals import task_postrun

from tasks.contract import TaskNames
from tasks.seen import redis_url
from worker.settings import get_settings

STREAM = "newsworker:events"
log = logging.getLogger(__name__)
_clients: dict[int, redis.Redis] = {}


def client(broker_url: str) -> redis.Redis:
    """One connection pool per process (a forked child never shares its parent's sockets)."""
    pid = os.getpid()
    if pid not in _clients:
        _clients[pid] = redis.Redis.from_url(redis_url(broker_url), socket_timeout=5, socket_connect_timeout=5)
    return _clients[pid]


def stored_event(article_id: int, content_hash: str, task_id: str | None) -> dict[str, str]:
    return {
        "type": "article.stored",
        "article_id": str(article_id),
        "cursor": str(article_id),
        "content_hash": content_hash,
        "task_id": task_id or "",
        "at": datetime.now(UTC).isoformat(timespec="milliseconds"),
    }


def emit(connection: redis.Redis, event: dict[str, str], maxlen: int) -> str:
    """Append one event; the stream keeps about `maxlen` of the newest."""
    event_id = connection.xadd(STREAM, event, maxlen=maxlen, approximate=True)  # type: ignore[arg-type]
    return event_id.decode() if isinstance(event_id, bytes) else str(event_id)


def stored_article(retval: Any) -> int | None:
    """The article id of a task result that committed an article, else None."""
    if isinstance(retval, dict) and retval.get("status") == "stored" and isinstance(retval.get("article_id"), int):
        return int(retval["article_id"])
    return None


@task_postrun.connect
def _on_task_postrun(
    task_id: str | None = None,
    task: Any = None,
    args: Any = None,
    retval: Any = None,
    state: str | None = None,
    **_: Any,
) -> None:
    article_id = stored_article(retval) if state == "SUCCESS" else None
    if article_id is None or getattr(task, "name", None) != TaskNames.PROCESS:
        return
    settings = get_settings()
    content_hash = str(retval.get("content_hash") or "")
    try:
        emit(client(settings.broker), stored_event(article_id, content_hash, task_id), settings.events_maxlen)
    except redis.RedisError:
        log.exception("could not publish a change event", extra={"task_id": task_id, "article_id": article_id})


def _decoded(fields: dict[bytes, bytes]) -> dict[str, Any]:
    event: dict[str, Any] = {k.decode(): v.decode("utf-8", "replace") for k, v in fields.items()}
    for key in ("article_id", "cursor"):
        if str(event.get(key, "")).isdigit():
            event[key] = int(event[key])
    return event


def read_events(connection: redis.Redis, after: str, block_ms: int, count: int = 100) -> Iterator[dict[str, Any]]:
    """Events after id `after` (`$`: only new ones), waiting up to `block_ms` for the first."""
    answer: Any = connection.xread({STREAM: after}, count=count, block=block_ms)
    for _stream, entries in answer or []:
        for event_id, fields in entries:
            yield {"event_id": event_id.decode(), **_decoded(fields)}
