"""Sending articles to the queue by task name: a producer needs this module and Redis, not spaCy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from celery import Celery

from tasks.contract import DEFAULT_MAX_ARTICLE_BYTES, QUEUE, TaskNames, validate_payload
from tasks.errors import InvalidArticle
from tasks.feeds import FeedItem
from tasks.seen import DEFAULT_DEDUP_TTL, SeenFilter


@dataclass(frozen=True, slots=True)
class Sent:
    origin: str
    task_id: str | None
    content_hash: str | None
    error: str | None = None
    duplicate: bool = False  # skipped: its URL or body was sent before (skip_duplicates)


class Producer:
    """Validates articles and sends them to the workers' queue. Safe to share within one process."""

    def __init__(self, broker_url: str, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES, *,
                 skip_duplicates: bool = False, dedup_ttl: int = DEFAULT_DEDUP_TTL) -> None:
        self.max_bytes = max_bytes
        self._seen = SeenFilter(broker_url, dedup_ttl) if skip_duplicates else None
        self._app = Celery("newsworker-producer", broker=broker_url, set_as_current=False)
        self._app.conf.update(task_serializer="json", accept_content=["json"], broker_pool_limit=2,
                              broker_connection_retry_on_startup=True)

    def enqueue(self, payload: Any) -> Sent:
        """Send one article, or raise `InvalidArticle` (nothing is sent) if it breaks the contract."""
        article = validate_payload(payload, self.max_bytes)
        if self._seen is not None and not self._seen.first_time(article):
            return Sent(origin=article.id or article.url or "", task_id=None, content_hash=None, duplicate=True)
        body = article.model_dump(exclude_none=True)
        try:
            result = self._app.send_task(TaskNames.PROCESS, args=[body], queue=QUEUE)
        except BaseException:
            if self._seen is not None:
                self._seen.forget(article)
            raise
        return Sent(origin=article.id or article.url or "", task_id=result.id,
                    content_hash=article.content_hash())

    def enqueue_feed(self, items: Iterable[FeedItem]) -> Iterator[Sent]:
        """Send every readable, valid article of a feed; the others come back with their error."""
        for item in items:
            if item.payload is None:
                yield Sent(item.origin, None, None, item.error)
                continue
            try:
                sent = self.enqueue(item.payload)
            except InvalidArticle as err:
                yield Sent(item.origin, None, None, f"{item.origin}: {err}")
                continue
            yield Sent(item.origin, sent.task_id, sent.content_hash, duplicate=sent.duplicate)

    def close(self) -> None:
        self._app.close()
        if self._seen is not None:
            self._seen.close()

    def __enter__(self) -> Producer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def enqueue_articles(broker_url: str, payloads: Iterable[dict[str, Any]]) -> list[str]:
    """For a crawler's code: send `payloads` and return their task ids (raises on the first bad one)."""
    with Producer(broker_url) as producer:
        return [producer.enqueue(p).task_id or "" for p in payloads]
