"""Producer-side duplicate filter: a URL or a body submitted before (within a window) is not sent again.

One Redis key per URL and per body hash, set with NX and an expiry: the first submission wins, memory
stays bounded, and every producer sharing the broker shares the memory. Near-duplicates (a syndicated
copy with an edited headline) are the worker's job (`pipeline.dedup`).
"""

from __future__ import annotations

import hashlib

import redis

from tasks.contract import ArticlePayload

DEFAULT_DEDUP_TTL = 7 * 24 * 3600
PREFIX = "newsworker:seen:"


def redis_url(broker_url: str) -> str:
    """redis-py spells kombu's `redis+socket:///path` as `unix:///path`."""
    if broker_url.startswith("redis+socket://"):
        return "unix://" + broker_url.removeprefix("redis+socket://")
    return broker_url


def seen_keys(article: ArticlePayload) -> list[str]:
    """The keys that identify a submission: its URL (without #fragment) and its body."""
    body = hashlib.sha256((article.text or article.html or "").encode("utf-8", "surrogatepass")).hexdigest()
    keys = [f"{PREFIX}body:{body}"]
    if article.url:
        url = article.url.split("#", 1)[0].strip()
        keys.append(f"{PREFIX}url:{hashlib.sha256(url.encode('utf-8', 'surrogatepass')).hexdigest()}")
    return keys


class SeenFilter:
    """Remembers what was sent for `ttl` seconds. Safe to share between threads of one process."""

    def __init__(self, broker_url: str, ttl: int = DEFAULT_DEDUP_TTL) -> None:
        self.ttl = ttl
        self._redis = redis.Redis.from_url(redis_url(broker_url), socket_timeout=10, socket_connect_timeout=5)

    def first_time(self, article: ArticlePayload) -> bool:
        """Mark the article as sent; False when its URL or its body was sent before."""
        with self._redis.pipeline(transaction=False) as pipe:
            for key in seen_keys(article):
                pipe.set(key, 1, nx=True, ex=self.ttl)
            marked = pipe.execute()
        return all(marked)

    def forget(self, article: ArticlePayload) -> None:
        """Undo `first_time` when the send failed, so that a retry is not taken for a duplicate."""
        self._redis.delete(*seen_keys(article))

    def close(self) -> None:
        self._redis.close()
