"""Counts deliveries of one message across worker crashes, so a poison article is dead-lettered.

The key is the message's task id: a redelivery after a crash keeps it, a replay or a second copy of
the same article gets a new one. A retry (same id) resets the count: the worker did not die on it.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import redis

from tasks.errors import TransientFailure

_TTL_SECONDS = 7 * 24 * 3600
_PREFIX = "newsworker:deliveries:"
_CAUSE = ":cause"
_MAX_FINISHED = 64


def redis_client_url(broker_url: str) -> str:
    """redis-py spells kombu's `redis+socket:///path` as `unix:///path`."""
    if broker_url.startswith("redis+socket://"):
        return "unix://" + broker_url.removeprefix("redis+socket://")
    return broker_url


@dataclass(frozen=True, slots=True)
class Delivery:
    count: int
    cause: str | None = None  # set when the worker killed the previous delivery (hard time limit)


class DeliveryCounter:
    def __init__(self, broker_url: str) -> None:
        self._redis = redis.Redis.from_url(redis_client_url(broker_url), socket_timeout=10, socket_connect_timeout=5)
        self._finished: list[str] = []  # counts of finished messages, deleted with the next arrival

    def arrive(self, key: str) -> Delivery:
        """Count one more delivery of the message; say how many there have been and why the last ended."""
        try:
            with self._redis.pipeline(transaction=False) as pipe:  # one round trip; no MULTI/EXEC needed
                if self._finished:
                    pipe.delete(*self._keys(self._finished))
                pipe.incr(_PREFIX + key)
                pipe.expire(_PREFIX + key, _TTL_SECONDS)
                pipe.get(_PREFIX + key + _CAUSE)
                *_, count, _, cause = pipe.execute()
            self._finished.clear()
        except redis.RedisError as err:
            raise TransientFailure(f"broker unavailable while counting deliveries: {type(err).__name__}") from err
        return Delivery(int(count), cause.decode("utf-8", "replace") if isinstance(cause, bytes) else None)

    def mark(self, key: str, cause: str) -> None:
        """Called by the worker's main process when it kills a delivery (hard time limit)."""
        self._redis.set(_PREFIX + key + _CAUSE, cause, ex=_TTL_SECONDS)

    def settle(self, key: str) -> None:
        """The message is being retried: forget its count now. Best effort."""
        # A stale count only makes a later redelivery of this message dead-letter sooner.
        with contextlib.suppress(redis.RedisError):
            self._redis.delete(*self._keys([key]))

    def finish(self, key: str) -> None:
        """The message reached a final state (stored or recorded): its count is deleted in the same
        round trip as the next arrival's, so a finished article costs no round trip of its own. Its
        task id never comes back, so a count left by a process that dies before then is harmless
        (and expires after a week)."""
        self._finished.append(key)
        if len(self._finished) >= _MAX_FINISHED:
            with contextlib.suppress(redis.RedisError):
                self._redis.delete(*self._keys(self._finished))
                self._finished.clear()

    @staticmethod
    def _keys(keys: list[str]) -> list[str]:
        return [name for key in keys for name in (_PREFIX + key, _PREFIX + key + _CAUSE)]
