"""Sending articles to the queue by task name: a producer needs this module and Redis, not spaCy."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from celery import Celery

from tasks.contract import DEFAULT_MAX_ARTICLE_BYTES, QUEUE, ArticlePayload, TaskNames, validate_payload
from tasks.errors import InvalidArticle
from tasks.feeds import FeedItem
from tasks.seen import DEFAULT_DEDUP_TTL, SeenFilter

DEFAULT_BATCH = 200  # articles per pipelined send


@dataclass(frozen=True, slots=True)
class Sent:
    origin: str
    task_id: str | None
    content_hash: str | None
    error: str | None = None
    duplicate: bool = False  # skipped: its URL or body was sent before (skip_duplicates)


class Producer:
    """Validates articles and sends them to the workers' queue. Safe to share within one process."""

    def __init__(
        self,
        broker_url: str,
        max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
        *,
        skip_duplicates: bool = False,
        dedup_ttl: int = DEFAULT_DEDUP_TTL,
    ) -> None:
        self.max_bytes = max_bytes
        self._seen = SeenFilter(broker_url, dedup_ttl) if skip_duplicates else None
        self._app = Celery("newsworker-producer", broker=broker_url, set_as_current=False)
        self._app.conf.update(
            task_serializer="json",
            accept_content=["json"],
            broker_pool_limit=2,
            broker_connection_retry_on_startup=True,
        )

    def enqueue(self, payload: Any) -> Sent:
        """Send one article, or raise `InvalidArticle` (nothing is sent) if it breaks the contract."""
        article = validate_payload(payload, self.max_bytes)
        return self._send_batch([(article, article.id or article.url or "")])[0]

    def enqueue_feed(self, items: Iterable[FeedItem], batch: int = DEFAULT_BATCH) -> Iterator[Sent]:
        """Send every readable, valid article of a feed; the others come back with their error.

        Articles go out `batch` at a time in one pipelined Redis round trip (about 3× faster than one
        by one). Each is reported only once its batch reached Redis; if a batch cannot be sent, the
        error is raised and none of that batch is reported as sent (nor remembered as seen).
        """
        pending: list[tuple[Sent | ArticlePayload, str]] = []
        for item in items:
            if item.payload is None:
                pending.append((Sent(item.origin, None, None, item.error), item.origin))
            else:
                try:
                    article = validate_payload(item.payload, self.max_bytes)
                except InvalidArticle as err:
                    pending.append((Sent(item.origin, None, None, f"{item.origin}: {err}"), item.origin))
                else:
                    pending.append((article, item.origin))
            if len(pending) >= batch:
                yield from self._send_batch(pending)
                pending = []
        yield from self._send_batch(pending)

    def _send_batch(self, pending: list[tuple[Sent | ArticlePayload, str]]) -> list[Sent]:
        remembered: list[ArticlePayload] = []
        out: list[Sent] = []
        try:
            with self._app.producer_or_acquire() as producer, producer.batch(max_size=max(1, len(pending))):
                for entry, origin in pending:
                    if isinstance(entry, Sent):
                        out.append(entry)
                    elif self._seen is not None and not self._seen.first_time(entry):
                        out.append(replace(_duplicate(entry), origin=origin))
                    else:
                        if self._seen is not None:
                            remembered.append(entry)
                        out.append(replace(self._send(entry, producer), origin=origin))
        except BaseException:
            for article in remembered:
                self._seen.forget(article)  # type: ignore[union-attr]
            raise
        return out

    def _send(self, article: ArticlePayload, producer: Any = None) -> Sent:
        body = article.model_dump(exclude_none=True)
        result = self._app.send_task(TaskNames.PROCESS, args=[body], queue=QUEUE, producer=producer)
        return Sent(origin=article.id or article.url or "", task_id=result.id, content_hash=article.content_hash())

    def close(self) -> None:
        self._app.close()
        if self._seen is not None:
            self._seen.close()

    def __enter__(self) -> Producer:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def enqueue_articles(broker_url: str, payloads: Iterable[dict[str, Any]]) -> list[str]:
    """For a crawler's code: send `payloads`, pipelined, and return their task ids. Raises
    `InvalidArticle` before anything is sent if one breaks the contract."""
    items = [FeedItem(origin=str(n), payload=p) for n, p in enumerate(payloads)]
    with Producer(broker_url) as producer:
        for item in items:
            validate_payload(item.payload, producer.max_bytes)
        return [sent.task_id or "" for sent in producer.enqueue_feed(items)]


def _duplicate(article: ArticlePayload) -> Sent:
    return Sent(origin=article.id or article.url or "", task_id=None, content_hash=None, duplicate=True)
