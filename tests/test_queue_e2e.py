"""Articles through the real queue: producer → Redis → `newsworker worker` processes → database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from celery import Celery
from sqlalchemy import func, select

from storage.db import session_scope
from storage.models import Article, EntityRow, Failure
from tasks.contract import QUEUE, TaskNames
from tasks.errors import InvalidArticle
from tasks.producer import Producer
from tests.articles import payload
from tests.services import WorkerProcess, queue_length, wait_for

pytestmark = pytest.mark.slow


def stored(url: str) -> int:
    with session_scope(url) as session:
        return int(session.scalar(select(func.count()).select_from(Article)) or 0)


def failed(url: str) -> int:
    with session_scope(url) as session:
        return int(session.scalar(select(func.count()).select_from(Failure)) or 0)


@pytest.fixture
def worker(broker: str, database_url: str, tmp_path: Path) -> Iterator[WorkerProcess]:
    process = WorkerProcess(broker, database_url, concurrency=2, log=tmp_path / "worker.log")
    yield process
    process.stop()
    if process.log is not None:
        print(process.log.read_text()[-3000:])


def test_twenty_articles_are_stored_once_each_by_real_workers(
    worker: WorkerProcess, broker: str, database_url: str
) -> None:
    with Producer(broker) as producer:
        for n in range(20):
            producer.enqueue(payload(n))
        producer.enqueue(payload(0))  # the same article again
    wait_for(lambda: stored(database_url) + failed(database_url) >= 20 and queue_length(broker) == 0, 180,
             what="20 finished articles")
    assert failed(database_url) == 0
    assert stored(database_url) == 20
    assert worker.alive()
    with session_scope(database_url) as session:
        assert session.scalar(select(func.count(func.distinct(Article.content_hash)))) == 20
        assert session.scalar(select(func.count()).select_from(EntityRow)) >= 20
        statuses = set(session.scalars(select(Article.status)))
    assert statuses == {"processed"}


def test_article_sent_around_the_contract_is_recorded_as_a_failure_and_the_worker_goes_on(
    worker: WorkerProcess, broker: str, database_url: str
) -> None:
    rogue = Celery("rogue", broker=broker, set_as_current=False)
    rogue.send_task(TaskNames.PROCESS, args=[{"id": "no-body"}], queue=QUEUE)
    rogue.close()
    with Producer(broker) as producer:
        producer.enqueue(payload(3))
    wait_for(lambda: failed(database_url) == 1 and stored(database_url) == 1, 120, what="one failure, one article")
    with session_scope(database_url) as session:
        failure = session.scalars(select(Failure)).one()
    assert failure.reason == "invalid"
    assert "no body" in failure.error
    assert failure.payload == {"id": "no-body"}
    assert worker.alive()


def test_bad_payload_is_refused_at_the_producer_and_nothing_is_enqueued(broker: str) -> None:
    with Producer(broker) as producer, pytest.raises(InvalidArticle, match="no body"):
        producer.enqueue({"id": "empty", "text": ""})
    assert queue_length(broker) == 0
