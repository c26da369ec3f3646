"""Prometheus metrics of a worker, from Celery signals (the task code knows nothing of them).

Prefork children count into prometheus_client's multiprocess files (PROMETHEUS_MULTIPROC_DIR, set
by `worker.observability` before this module is imported); the main process serves their sum, plus
the queue depth read from Redis at scrape time, on METRICS_PORT.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import Any

import redis
from celery.signals import task_failure, task_postrun, task_prerun
from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from pipeline.timing import observe_stages
from tasks.contract import QUEUE, TaskNames
from tasks.seen import redis_url

log = logging.getLogger(__name__)

ARTICLES_STORED = Counter("newsworker_articles_stored_total", "Articles whose results were committed.")
ARTICLES_FAILED = Counter("newsworker_articles_failed_total", "Articles recorded as failed, by reason.", ["reason"])
TASKS = Counter("newsworker_tasks_total", "Article tasks finished, by Celery state.", ["state"])
STAGE_SECONDS = Histogram(
    "newsworker_stage_duration_seconds",
    "Seconds per article by pipeline stage (clean, "
    "language, nlp, entities, claims, dedup) and for the whole task (task).",
    ["stage"],
    buckets=(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 180),
)
_started: dict[str, float] = {}
observe_stages(lambda stage, seconds: STAGE_SECONDS.labels(stage).observe(seconds))  # clean, language, nlp, …


def _is_article_task(task: Any) -> bool:
    return getattr(task, "name", None) == TaskNames.PROCESS


@task_prerun.connect
def _on_prerun(task_id: str | None = None, task: Any = None, **_: Any) -> None:
    if task_id and _is_article_task(task):
        _started[task_id] = time.perf_counter()


@task_postrun.connect
def _on_postrun(
    task_id: str | None = None, task: Any = None, retval: Any = None, state: str | None = None, **_: Any
) -> None:
    if not task_id or not _is_article_task(task):
        return
    started = _started.pop(task_id, None)
    if started is not None:
        STAGE_SECONDS.labels("task").observe(time.perf_counter() - started)
    TASKS.labels(state or "UNKNOWN").inc()
    if state == "SUCCESS" and isinstance(retval, dict):
        if retval.get("status") == "stored":
            ARTICLES_STORED.inc()
        elif retval.get("status") == "failed":
            ARTICLES_FAILED.labels(str(retval.get("reason") or "unknown")).inc()


@task_failure.connect
def _on_failure(sender: Any = None, exception: BaseException | None = None, **_: Any) -> None:
    """Runs in the main process when it kills a child on the hard time limit (and in a child for
    exceptions that escape the task shell)."""
    if _is_article_task(sender):
        TASKS.labels(f"error:{type(exception).__name__}").inc()


class QueueDepth(Collector):
    """Messages waiting in the queue and reserved but unacknowledged, read at scrape time."""

    def __init__(self, broker_url: str) -> None:
        self._redis = redis.Redis.from_url(redis_url(broker_url), socket_timeout=2, socket_connect_timeout=2)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth = GaugeMetricFamily("newsworker_queue_depth", "Articles waiting in the queue.", labels=["queue"])
        unacked = GaugeMetricFamily("newsworker_unacked_messages", "Articles reserved by workers, not yet acked.")
        try:
            depth.add_metric([QUEUE], float(self._redis.llen(QUEUE)))
            unacked.add_metric([], float(self._redis.hlen("unacked")))
        except redis.RedisError:
            return  # broker down: no sample rather than a wrong one
        yield depth
        yield unacked


def serve(port: int, broker_url: str, multiproc_dir: str) -> None:
    """Serve /metrics on `port` from this (main) process: children's counters summed, plus queue depth."""
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=multiproc_dir)  # type: ignore[no-untyped-call]
    registry.register(QueueDepth(broker_url))
    start_http_server(port, registry=registry)
    log.info("metrics served", extra={"port": port})
