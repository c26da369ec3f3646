"""Real services for tests: Redis (REDIS_URL or a throwaway server), PostgreSQL (DATABASE_URL), workers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from sqlalchemy import text
from sqlalchemy.engine import make_url

from storage.db import get_engine
from tasks.contract import QUEUE

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def missing_service(reason: str) -> None:
    """Skip on a laptop, fail under CI=true: CI must never silently lose a whole class of tests."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true, so this is a failure, not a skip)")
    pytest.skip(reason)


def postgres_base_url() -> str | None:
    for name in ("TEST_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith("postgres"):
            return url
    return None


def postgres_schema_url(base: str, schema: str) -> str:
    """The same server with every table in a private schema (search_path), so runs never collide."""
    url = make_url(base)
    url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def create_schema(base: str, schema: str) -> None:
    with get_engine(base).begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))


def drop_schema(base: str, schema: str) -> None:
    with get_engine(base).begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


def unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:10]}"


@contextmanager
def private_schema(base: str, prefix: str) -> Iterator[str]:
    """A migrated schema of its own on the PostgreSQL at `base`, dropped on exit: yields its URL."""
    from storage.migrate import upgrade

    schema = unique_name(prefix)
    create_schema(base, schema)
    try:
        url = postgres_schema_url(base, schema)
        upgrade(url)
        yield url
    finally:
        drop_schema(base, schema)


def clear_queue(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url.replace("redis+socket://", "unix://"))
    client.delete(QUEUE, "unacked", "unacked_index")
    # Delivery counts, the producer's seen-set and change events from earlier runs on a shared Redis.
    for key in client.scan_iter("newsworker:*"):
        client.delete(key)


def queue_length(redis_url: str) -> int:
    client = redis.Redis.from_url(redis_url.replace("redis+socket://", "unix://"))
    return int(client.llen(QUEUE))


class WorkerProcess:
    """`newsworker worker` in a child process, exactly as an operator (or compose) starts it."""

    def __init__(
        self,
        broker_url: str,
        database_url: str,
        concurrency: int = 1,
        extra_env: dict[str, str] | None = None,
        log: Path | None = None,
    ) -> None:
        env = dict(os.environ, BROKER_URL=broker_url, DATABASE_URL=database_url, LOG_LEVEL="INFO")
        env.update(extra_env or {})
        self.log = log
        out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed in stop()
        self._out = out
        self.process = subprocess.Popen(
            [sys.executable, "-m", "worker", "worker", "--concurrency", str(concurrency)],
            env=env,
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 60) -> None:
        if self.alive():
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait()
        if self._out is not subprocess.DEVNULL:
            self._out.close()  # type: ignore[union-attr]


def wait_for(predicate: object, timeout: float, interval: float = 0.25, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def sent_hashes(sent: Iterable[object]) -> set[str]:
    return {s.content_hash for s in sent if getattr(s, "content_hash", None)}  # type: ignore[attr-defined]
