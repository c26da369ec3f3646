"""`newsworker status`: queue depth, live workers, recent throughput and failures, in one table."""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta

import redis
from celery import Celery
from rich.console import Console
from rich.table import Table
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.db import session_scope
from storage.models import Article, Failure
from tasks.contract import QUEUE
from tasks.seen import redis_url
from worker.events import STREAM


@dataclass(slots=True)
class Status:
    queued: int | None = None  # None: the broker did not answer
    unacked: int | None = None
    events: int | None = None
    workers: list[str] = field(default_factory=list)
    stored_last_minute: int = 0
    stored_last_hour: int = 0
    stored_total: int = 0
    failures_open: int = 0
    failures_last_hour: dict[str, int] = field(default_factory=dict)


def live_workers(broker_url: str, timeout: float) -> list[str]:
    """Names of the workers that answer `celery inspect ping` within `timeout` seconds."""
    app = Celery("newsworker-status", broker=broker_url, set_as_current=False)
    try:
        replies = app.control.ping(timeout=timeout) or []
    finally:
        app.close()
    return sorted(name for reply in replies for name in reply)


def read_broker(status: Status, broker_url: str, timeout: float) -> None:
    connection = redis.Redis.from_url(redis_url(broker_url), socket_timeout=5, socket_connect_timeout=5)
    with contextlib.suppress(redis.RedisError, OSError):
        status.queued = int(connection.llen(QUEUE))
        status.unacked = int(connection.hlen("unacked"))
        status.events = int(connection.xlen(STREAM))
        status.workers = live_workers(broker_url, timeout)


def read_database(status: Status, session: Session, now: datetime) -> None:
    def stored_since(moment: datetime | None) -> int:
        query = select(func.count()).select_from(Article)
        if moment is not None:
            query = query.where(Article.updated_at >= moment)
        return int(session.scalar(query) or 0)

    status.stored_last_minute = stored_since(now - timedelta(minutes=1))
    status.stored_last_hour = stored_since(now - timedelta(hours=1))
    status.stored_total = stored_since(None)
    status.failures_open = int(
        session.scalar(select(func.count()).select_from(Failure).where(Failure.replayed_at.is_(None))) or 0
    )
    recent = select(Failure.reason, func.count()).where(Failure.created_at >= now - timedelta(hours=1))
    status.failures_last_hour = {reason: int(n) for reason, n in session.execute(recent.group_by(Failure.reason))}


def collect(broker_url: str, database_url: str, ping_timeout: float = 1.0) -> Status:
    status = Status()
    read_broker(status, broker_url, ping_timeout)
    with session_scope(database_url) as session:
        read_database(status, session, datetime.now(UTC))
    return status


def as_json(status: Status) -> dict[str, object]:
    return asdict(status)


def render(status: Status, console: Console) -> None:
    def shown(value: int | None) -> str:
        return "broker unreachable" if value is None else str(value)

    table = Table(title="newsworker status")
    table.add_column("what")
    table.add_column("value", justify="right")
    rows = [
        ("queued articles", shown(status.queued)),
        ("reserved, not yet acked", shown(status.unacked)),
        ("workers alive", str(len(status.workers))),
        *((f"  {name}", "pong") for name in status.workers),
        ("stored in the last minute", str(status.stored_last_minute)),
        ("stored in the last hour", str(status.stored_last_hour)),
        ("stored in total", str(status.stored_total)),
        ("open failures", str(status.failures_open)),
        *((f"  failed in the last hour: {reason}", str(n)) for reason, n in status.failures_last_hour.items()),
        ("change events kept", shown(status.events)),
    ]
    for name, value in rows:
        table.add_row(name, value)
    console.print(table)
