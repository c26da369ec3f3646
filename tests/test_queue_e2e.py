"""Articles through the real queue: producer → Redis → `newsworker worker` processes → database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from celery import Celery
from sqlalchemy import func, select

from storage.db import session_scope
from storage.models import Article, EntityRow, Failure
from tasks.contract import QUEUE, TaskNames
from tasks.errors import InvalidArticle
from tasks.feeds import FeedItem
from tasks.producer import Producer
from tests.articles import payload
from tests.services import WorkerProcess, free_port, queue_length, wait_for

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
    wait_for(
        lambda: stored(database_url) + failed(database_url) >= 20 and queue_length(broker) == 0,
        180,
        what="20 finished articles",
    )
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


def queued_task_ids(redis_url: str) -> list[str]:
    client = redis.Redis.from_url(redis_url.replace("redis+socket://", "unix://"))
    messages = [json.loads(raw) for raw in client.lrange(QUEUE, 0, -1)]
    return [m["headers"]["id"] for m in reversed(messages)]  # LPUSH: the newest is first


def test_a_feed_goes_out_in_pipelined_batches_and_each_article_is_reported_once_it_is_queued(broker: str) -> None:
    items = [FeedItem(f"item-{n}", payload(n)) for n in range(23)]
    items[5] = FeedItem("item-5", {"id": "item-5", "text": ""})  # invalid: reported, not sent
    items[9] = FeedItem("item-9", None, "item-9: unreadable")  # unreadable input: reported, not sent

    with Producer(broker) as producer:
        outcomes = list(producer.enqueue_feed(items, batch=10))

    assert [o.origin for o in outcomes] == [item.origin for item in items]
    assert outcomes[5].error and "no body" in outcomes[5].error and outcomes[9].error == "item-9: unreadable"
    sent = [o.task_id for o in outcomes if o.task_id]
    assert len(sent) == 21 and queued_task_ids(broker) == sent


def test_a_batch_that_cannot_reach_redis_raises_and_reports_none_of_it() -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    reported: list[str] = []
    with Producer(dead) as producer, pytest.raises(Exception):  # noqa: B017 - kombu raises its OperationalError
        reported += [o.origin for o in producer.enqueue_feed([FeedItem("a", payload(1))], batch=10)]
    assert reported == []
