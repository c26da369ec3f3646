"""Faults against real `newsworker worker` processes, a test-owned Redis and PostgreSQL (small runs of
the `make faults` scenarios), plus the security promises: JSON only, credentials never logged."""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path

import pytest
from celery import Celery
from sqlalchemy.engine import make_url

from tasks.contract import QUEUE, TaskNames
from tests.articles import payload
from tests.faults.bench import Bench
from tests.faults.scenarios import hostile_corpus, poison_and_limits, pool_kills
from tests.faults.servers import TcpProxy
from tests.services import missing_service, postgres_base_url, wait_for

pytestmark = pytest.mark.slow

REDIS_PASSWORD = "rEd1s-pw-7f3a9c"
POSTGRES_PASSWORD = "pG-pw-2b8e41"


@pytest.fixture(autouse=True)
def _needs_postgres() -> None:
    if postgres_base_url() is None:
        missing_service("fault runs need DATABASE_URL=postgresql://...")


def test_poison_article_is_dead_lettered_after_max_deliveries_and_limits_are_recorded(tmp_path: Path) -> None:
    tally = poison_and_limits(tmp_path, normal=4)
    assert tally.ok, tally
    assert not [n for n in tally.notes if "<--" in n], tally.notes
    assert tally.notes[0] == "worker alive; a fresh article was stored"
    assert tally.reasons == {"redelivered": 1, "RuntimeError": 1, "time_limit": 2, "memory_limit": 1}


def test_hostile_corpus_ends_stored_or_recorded_with_a_reason(tmp_path: Path) -> None:
    tally = hostile_corpus(tmp_path, huge_bytes=8_000_000, lines=10_000, depth=20_000, quotes=50, crowd=1_200, names=60)
    assert tally.ok, tally
    assert not [n for n in tally.notes if "LOST" in n], tally.notes
    huge = next(n for n in tally.notes if n.startswith("8,000,000 bytes of text"))
    assert "invalid: " in huge and "over the 5,000,000-byte limit (MAX_ARTICLE_BYTES)" in huge
    assert tally.notes[0] == "worker alive; a fresh article was stored"


def test_pool_processes_killed_mid_article_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    tally = pool_kills(tmp_path, articles=30, kills=5)
    assert tally.ok, tally
    assert tally.scenario == "kill -9 pool process ×5"
    assert tally.enqueued >= 30
    assert tally.notes[0] == "worker alive; a fresh article was stored"


class Exploit:
    """Unpickling this runs a shell command: what a pickle-accepting worker would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return os.system, (f"touch {self.marker}",)


def test_pickle_message_is_refused_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pickle-was-executed"
    with ExitStack() as stack:
        bench = Bench("pickle", tmp_path, stack)
        worker = bench.start_worker(concurrency=1)
        rogue = Celery("rogue", broker=bench.redis.url, set_as_current=False)
        rogue.conf.update(task_serializer="pickle", accept_content=["pickle", "json"])
        rogue.send_task(TaskNames.PROCESS, args=[Exploit(marker)], queue=QUEUE, serializer="pickle")
        rogue.close()
        assert bench.still_works(worker) == "worker alive; a fresh article was stored"
        assert not marker.exists()
        assert bench.queue_idle()
        log = (tmp_path / "worker-0.log").read_text()
    assert "application/x-python-serialize" in log  # refused, and said so


def test_passwords_in_broker_and_database_urls_never_reach_the_logs(tmp_path: Path) -> None:
    with ExitStack() as stack:
        bench = Bench("secrets", tmp_path, stack, password=REDIS_PASSWORD)
        proxy = TcpProxy(make_url(bench.database).port or 5432).start()
        stack.callback(proxy.cut)
        bench.worker_database = proxy.url_for(
            make_url(bench.database).set(password=POSTGRES_PASSWORD).render_as_string(hide_password=False)
        )
        worker = bench.start_worker(concurrency=1, LOG_LEVEL="DEBUG")
        log = tmp_path / "worker-0.log"
        wait_for(lambda: "spaCy model loaded" in log.read_text(errors="replace"), 90, what="a ready worker")
        proxy.cut()  # the first articles meet a database outage: errors get logged, then retried
        bench.send([payload(1), payload(2)])
        bench.send_raw([{"id": "no-body"}])
        wait_for(lambda: "will be retried" in log.read_text(errors="replace"), 60, what="a retried article")
        proxy.restore()
        assert bench.wait(120), "articles did not finish after the outage"
        assert bench.tally().ok
        assert worker.alive()
    logs = "".join(p.read_text(errors="replace") for p in tmp_path.glob("worker-*.log"))
    assert "will be retried" in logs and "database unavailable" in logs
    assert REDIS_PASSWORD not in logs
    assert POSTGRES_PASSWORD not in logs
