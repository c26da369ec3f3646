"""The fault scenarios. Each returns a `Tally`: enqueued, stored, failed (recorded), lost, duplicated."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from tests.faults.bench import Bench
from tests.faults.corpus import fault_articles, hostile, stories
from tests.faults.ledger import Tally, describe, outcomes
from tests.faults.servers import TcpProxy, busy_and_older_than, pool_children
from tests.services import WorkerProcess, wait_for

Scenario = Callable[[Path], Tally]
EXPECTED_REASONS = {
    "poison (process exits)": "redelivered",
    "unexpected exception": "RuntimeError",
    "soft time limit": "time_limit",
    "hard time limit": "time_limit",
    "memory limit": "memory_limit",
}


def _ready(worker: WorkerProcess, children: int, loaded_after: float = 6.0) -> None:
    wait_for(lambda: len(pool_children(worker.process.pid)) >= children, 60, what="pool processes")
    time.sleep(loaded_after)  # the model loads in each pool process


def _kill_busy_children(bench: Bench, worker: WorkerProcess, kills: int, min_age: float, gap: float) -> int:
    """kill -9 a pool process at work, `kills` times; tops the queue up so that there is always work."""
    done = batch = 0
    deadline = time.monotonic() + 900
    while done < kills and time.monotonic() < deadline:
        if bench.done() >= len(bench.hashes) - 10:
            batch += 1
            bench.send(stories(50, f"kills-more-{batch}"))
        busy = [p for p in pool_children(worker.process.pid) if busy_and_older_than(p, min_age)]
        if busy:
            os.kill(busy[0], signal.SIGKILL)
            done += 1
            time.sleep(gap)
        else:
            time.sleep(0.05)
    return done


def pool_kills(workdir: Path, articles: int = 200, kills: int = 20) -> Tally:
    with ExitStack() as stack:
        bench = Bench(f"kill -9 pool process ×{kills}", workdir, stack)
        worker = bench.start_worker()
        _ready(worker, 2)
        bench.send(stories(articles, "kills"))
        made = _kill_busy_children(bench, worker, kills, min_age=3.0, gap=0.5)
        bench.wait(600)
        bench.name = f"kill -9 pool process ×{made}"
        return bench.tally(bench.still_works(worker))


def worker_kills(workdir: Path, articles: int = 60, kills: int = 3) -> Tally:
    with ExitStack() as stack:
        bench = Bench(f"kill -9 whole worker ×{kills}", workdir, stack)
        worker = bench.start_worker()
        _ready(worker, 2)
        bench.send(stories(articles, "worker-kills"))
        for n in range(kills):
            bench.wait(120, at_least=(n + 1) * articles // (kills + 2))
            bench.kill_worker(worker)
            worker = bench.start_worker()
        bench.wait(600)
        return bench.tally(bench.still_works(worker))


def redis_restart(workdir: Path, articles: int = 120) -> Tally:
    with ExitStack() as stack:
        bench = Bench("Redis kill -9 + restart mid-run", workdir, stack)
        worker = bench.start_worker()
        _ready(worker, 2)
        bench.send(stories(articles, "redis"))
        time.sleep(2)  # the append-only file is fsynced every second: the queue is on disk
        bench.wait(120, at_least=articles // 4)
        bench.redis.kill()
        time.sleep(5)
        bench.redis.start()
        bench.wait(600)
        return bench.tally(bench.still_works(worker))


def postgres_outage(workdir: Path, articles: int = 120, outage: float = 25.0) -> Tally:
    with ExitStack() as stack:
        bench = Bench(f"PostgreSQL unreachable {outage:.0f} s", workdir, stack)
        proxy = TcpProxy(int(_port(bench.database))).start()
        stack.callback(proxy.cut)
        bench.worker_database = proxy.url_for(bench.database)
        worker = bench.start_worker(VISIBILITY_TIMEOUT="300")  # longer than the retries' countdowns
        _ready(worker, 2)
        bench.send(stories(articles, "postgres"))
        bench.wait(120, at_least=articles // 4)
        proxy.cut()
        time.sleep(outage)
        proxy.restore()
        bench.wait(600)
        return bench.tally(bench.still_works(worker))


def _port(url: str) -> int:
    from sqlalchemy.engine import make_url

    return make_url(url).port or 5432


def poison_and_limits(workdir: Path, normal: int = 20) -> Tally:
    with ExitStack() as stack:
        bench = Bench("poison + time/memory limits", workdir, stack)
        worker = bench.start_worker(
            TASK_SOFT_TIME_LIMIT="5", TASK_TIME_LIMIT="10", VISIBILITY_TIMEOUT="60", WORKER_MEMORY_LIMIT="2500000"
        )
        _ready(worker, 2)
        faults = fault_articles("limits")
        keys = {name: next(iter(bench.send([p]))) for name, p in faults.items()}
        bench.send(stories(normal, "limits"))
        bench.wait(600)
        result = bench.tally(bench.still_works(worker))
        _, reasons = outcomes(bench.database, keys.values())
        for name, key in keys.items():
            got, want = reasons.get(key, "NOT RECORDED"), EXPECTED_REASONS[name]
            result.notes.append(f"{name}: {got}" + ("" if got == want else f"  <-- expected {want}"))
        return result


def hostile_corpus(
    workdir: Path,
    huge_bytes: int = 50 * 2**20,
    lines: int = 10_000,
    depth: int = 100_000,
    quotes: int = 5_000,
    crowd: int = 16_000,
    names: int = 3_000,
) -> Tally:
    with ExitStack() as stack:
        bench = Bench("hostile corpus", workdir, stack)
        worker = bench.start_worker(TASK_SOFT_TIME_LIMIT="60", TASK_TIME_LIMIT="90", VISIBILITY_TIMEOUT="120")
        _ready(worker, 2)
        inputs = hostile(huge_bytes, lines, depth, quotes, crowd, names)
        keys = {name: next(iter(bench.send_raw([p]))) for name, p in inputs.items()}
        bench.send(stories(5, "hostile"))
        bench.wait(900)
        result = bench.tally(bench.still_works(worker))
        described = describe(bench.database, keys.values())
        for name, key in keys.items():
            result.notes.append(f"{name}: {described.get(key, 'LOST')}")
        return result


SCENARIOS: dict[str, Scenario] = {
    "pool-kills": pool_kills,
    "worker-kills": worker_kills,
    "redis-restart": redis_restart,
    "postgres-outage": postgres_outage,
    "poison": poison_and_limits,
    "hostile": hostile_corpus,
}
