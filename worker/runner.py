"""`newsworker run`: broker, worker processes and database brought up, articles through, summary out."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select, union

from storage.db import session_scope
from storage.models import Article, Failure
from tasks.feeds import read_inputs
from tasks.producer import Producer, Sent

SAMPLES = Path(__file__).with_name("samples")


@dataclass(frozen=True, slots=True)
class Enqueued:
    hashes: frozenset[str]
    sent: int
    rejected: list[str]


def enqueue_all(producer: Producer, inputs: Iterable[str], on_sent: Callable[[Sent], None]) -> Enqueued:
    hashes: set[str] = set()
    rejected: list[str] = []
    sent = 0
    for outcome in producer.enqueue_feed(read_inputs(inputs)):
        on_sent(outcome)
        if outcome.error is not None:
            rejected.append(outcome.error)
        elif outcome.content_hash is not None:
            hashes.add(outcome.content_hash)
            sent += 1
    return Enqueued(frozenset(hashes), sent, rejected)


def finished(database_url: str, hashes: frozenset[str]) -> int:
    """How many of `hashes` have reached a final state: stored, or recorded as failed."""
    if not hashes:
        return 0
    done = 0
    chunk = sorted(hashes)
    with session_scope(database_url) as session:
        for i in range(0, len(chunk), 500):
            part = chunk[i : i + 500]
            known = union(
                select(Article.content_hash).where(Article.content_hash.in_(part)),
                select(Failure.content_hash).where(Failure.content_hash.in_(part)),
            ).subquery()
            done += session.scalar(select(func.count()).select_from(known)) or 0
    return done


def start_worker(broker_url: str, database_url: str, concurrency: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ, BROKER_URL=broker_url, DATABASE_URL=database_url)
    env.setdefault("LOG_LEVEL", "WARNING")  # the summary is the output of `run`; task chatter is noise
    args = [sys.executable, "-m", "worker", "worker", "--concurrency", str(concurrency)]
    return subprocess.Popen(args, env=env, start_new_session=True)


def stop_worker(process: subprocess.Popen[bytes], timeout: float) -> None:
    """Warm shutdown (SIGTERM lets running tasks finish), then kill if it takes too long."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_finished(
    database_url: str,
    hashes: frozenset[str],
    worker: subprocess.Popen[bytes],
    on_progress: Callable[[int], None],
    timeout: float,
) -> int:
    deadline = time.monotonic() + timeout
    done = 0
    while time.monotonic() < deadline:
        done = finished(database_url, hashes)
        on_progress(done)
        if done >= len(hashes):
            return done
        if worker.poll() is not None:
            raise RuntimeError(f"the worker exited with code {worker.returncode} before the queue was done")
        time.sleep(0.25)
    return done
