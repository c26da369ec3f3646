"""Builds the Celery app from settings. Nothing else: tasks live in `tasks.process`."""

from __future__ import annotations

from celery import Celery

from tasks.contract import QUEUE
from worker.settings import Settings, get_settings


def celery_config(settings: Settings) -> dict[str, object]:
    """Safe defaults: late acks, JSON only, bounded time and memory, one task reserved at a time."""
    return {
        "broker_url": settings.broker,
        "result_backend": None,
        "task_ignore_result": True,
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "task_default_queue": QUEUE,
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        # An exception that escapes the task is acknowledged (the task shell has recorded it, or raised
        # Reject to requeue); a hard time limit is not: the message is requeued and its next delivery
        # records the timeout (worker.lifecycle marks it), so no article vanishes with its killed child.
        "task_acks_on_failure": True,
        "task_acks_on_timeout": False,
        "task_soft_time_limit": settings.task_soft_time_limit,
        "task_time_limit": settings.task_time_limit,
        # One article waiting per process hides the Redis fetch between tasks; more would only keep
        # articles from idle workers (each costs ~0.2 s of CPU). Reserved messages are unacknowledged,
        # so a killed worker's come back after the visibility timeout like its running ones.
        "worker_prefetch_multiplier": settings.worker_prefetch_multiplier,
        "worker_max_tasks_per_child": settings.worker_max_tasks_per_child,
        "worker_max_memory_per_child": settings.worker_max_memory_per_child,
        "worker_proc_alive_timeout": settings.worker_proc_alive_timeout,
        "worker_concurrency": settings.worker_concurrency,
        "worker_hijack_root_logger": False,
        "worker_send_task_events": False,
        "broker_connection_retry_on_startup": True,
        "broker_transport_options": transport_options(settings.visibility_timeout),
        "broker_pool_limit": 4,
    }


def transport_options(visibility_timeout: int) -> dict[str, object]:
    """Unacknowledged messages of a dead worker come back after `visibility_timeout`, give or take one
    sweep; kombu's default sweep is every ~100 s (10 s × a throttle of 10), too slow for short timeouts."""
    return {
        "visibility_timeout": visibility_timeout,
        "unacked_restore_interval": max(1, min(10, visibility_timeout // 4)),
        "unacked_restore_throttle": 1,
    }


def create_app(settings: Settings | None = None) -> Celery:
    app = Celery("newsworker", include=["tasks.process"])
    app.conf.update(celery_config(settings or get_settings()))
    return app


app = create_app()
