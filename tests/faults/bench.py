"""One scenario's world: its own Redis, a private PostgreSQL schema, real `newsworker worker` processes."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterable
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import redis
from celery import Celery

from tasks.contract import QUEUE, TaskNames
from tasks.handler import article_key
from tasks.producer import Producer
from tests.faults.corpus import fresh_story
from tests.faults.ledger import Tally, finished, outcomes, tally
from tests.faults.servers import RedisServer, postgres_schema
from tests.services import ROOT, WorkerProcess

HOOKS = Path(__file__).with_name("hooks")
FAULT_ENV = {
    "VISIBILITY_TIMEOUT": "10",
    "MAX_DELIVERIES": "3",
    "TASK_SOFT_TIME_LIMIT": "20",
    "TASK_TIME_LIMIT": "30",
    "WORKER_PROC_ALIVE_TIMEOUT": "60",
    "PYTHONPATH": os.pathsep.join((str(HOOKS), str(ROOT))),
    "NEWSWORKER_FAULT_HOOKS": "1",
    "LOG_FORMAT": "json",
    "MAX_ARTICLE_BYTES": "5000000",
}


class Bench:
    def __init__(self, name: str, workdir: Path, stack: ExitStack, password: str | None = None) -> None:
        self.name = name
        self.workdir = workdir
        self.redis = RedisServer(workdir / "redis", password=password).start()
        stack.callback(self.redis.stop)
        self.database = stack.enter_context(postgres_schema())
        self.worker_database = self.database
        self.workers: list[WorkerProcess] = []
        stack.callback(self.stop_workers)
        self.hashes: set[str] = set()

    def start_worker(self, concurrency: int = 2, **env: str) -> WorkerProcess:
        log = self.workdir / f"worker-{len(self.workers)}.log"
        worker = WorkerProcess(
            self.redis.url, self.worker_database, concurrency=concurrency, extra_env={**FAULT_ENV, **env}, log=log
        )
        self.workers.append(worker)
        return worker

    def stop_workers(self) -> None:
        for worker in self.workers:
            worker.stop(timeout=20)

    def kill_worker(self, worker: WorkerProcess) -> None:
        """kill -9 the whole worker: main process and pool, no goodbye to Redis."""
        os.killpg(worker.process.pid, signal.SIGKILL)
        worker.process.wait()

    def send(self, payloads: Iterable[dict[str, Any]]) -> set[str]:
        """Through the real producer: validated, then sent by task name."""
        sent = set()
        with Producer(self.redis.url, max_bytes=10**9) as producer:
            for p in payloads:
                outcome = producer.enqueue(p)
                assert outcome.content_hash == article_key(p), "producer and worker disagree on identity"
                sent.add(article_key(p))
        self.hashes |= sent
        return sent

    def send_raw(self, payloads: Iterable[dict[str, Any]]) -> dict[str, str]:
        """Around the producer (a rogue or buggy client): hash of each payload as the worker sees it."""
        rogue = Celery("rogue", broker=self.redis.url, set_as_current=False)
        rogue.conf.update(task_serializer="json", broker_connection_retry_on_startup=True)
        keys = {}
        try:
            for p in payloads:
                rogue.send_task(TaskNames.PROCESS, args=[p], queue=QUEUE)
                keys[article_key(p)] = str(p.get("id") or p.get("url"))
        finally:
            rogue.close()
        self.hashes |= set(keys)
        return keys

    def done(self) -> int:
        return finished(self.database, self.hashes)

    def queue_idle(self) -> bool:
        client = redis.Redis.from_url(self.redis.url)
        return int(client.llen(QUEUE)) == 0 and int(client.hlen("unacked")) == 0

    def wait(self, timeout: float, at_least: int | None = None) -> bool:
        """Until every sent article (or `at_least` of them) has ended and the queue is idle."""
        target = len(self.hashes) if at_least is None else at_least
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.done() >= target and (at_least is not None or self.queue_idle()):
                return True
            time.sleep(0.5)
        return False

    def still_works(self, worker: WorkerProcess, timeout: float = 120) -> str:
        """After the faults: the worker is alive and stores a fresh normal article."""
        if not worker.alive():
            return "worker DEAD after the run"
        story = fresh_story(self.name)
        key = next(iter(self.send([story])))
        self.hashes.discard(key)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            rows, reasons = outcomes(self.database, [key])
            if rows:
                return "worker alive; a fresh article was stored"
            if key in reasons:
                return f"worker alive but a fresh article FAILED ({reasons[key]})"
            time.sleep(0.5)
        return "worker alive but a fresh article was NOT processed in time"

    def tally(self, note: str = "") -> Tally:
        result = tally(self.name, self.database, self.hashes)
        if note:
            result.notes.append(note)
        return result
