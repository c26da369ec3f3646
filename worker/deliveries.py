"""Counts deliveries of one article across worker crashes, so a poison article is dead-lettered."""

from __future__ import annotations

import redis

_TTL_SECONDS = 7 * 24 * 3600
_PREFIX = "newsworker:deliveries:"


def redis_client_url(broker_url: str) -> str:
    """redis-py spells kombu's `redis+socket:///path` as `unix:///path`."""
    if broker_url.startswith("redis+socket://"):
        return "unix://" + broker_url.removeprefix("redis+socket://")
    return broker_url


class DeliveryCounter:
    def __init__(self, broker_url: str) -> None:
        self._redis = redis.Redis.from_url(redis_client_url(broker_url), socket_timeout=10)

    def arrive(self, content_hash: str) -> int:
        """Count one more delivery of the article and return how many there have been."""
        key = _PREFIX + content_hash
        with self._redis.pipeline() as pipe:
            pipe.incr(key)
            pipe.expire(key, _TTL_SECONDS)
            count, _ = pipe.execute()
        return int(count)

    def settle(self, content_hash: str) -> None:
        """The article reached a final state (stored or failure recorded): forget its count."""
        self._redis.delete(_PREFIX + content_hash)
