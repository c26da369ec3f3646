"""Exactly-once outcomes in one process: real Redis (delivery counter), real SQLite and PostgreSQL.

Given an article, when anything goes wrong, then it ends stored or recorded — once — or the caller is
told to retry (`TransientFailure`) with the delivery count left clean.
"""

from __future__ import annotations

import base64
import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
import redis
from spacy.language import Language
from sqlalchemy import func, select, text
from sqlalchemy.exc import SQLAlchemyError

from storage.db import get_engine, session_scope
from storage.models import Article, Failure
from tasks.contract import QUEUE
from tasks.errors import TransientFailure
from tasks.handler import Context, article_key, handle_article, is_transient
from tests.articles import payload
from tests.faults.corpus import hostile
from tests.faults.servers import RedisServer
from tests.services import ROOT, free_port
from worker.deliveries import DeliveryCounter

MAX_BYTES = 300_000


@pytest.fixture(scope="module")
def own_broker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Redis only this module uses: no other test's worker can take its messages."""
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server.url
    server.stop()


def context(database_url: str, own_broker: str, task_id: str = "task-1") -> Context:
    return Context(
        database_url=database_url,
        max_bytes=MAX_BYTES,
        max_deliveries=3,
        deliveries=DeliveryCounter(own_broker),
        task_id=task_id,
    )


def count(url: str, model: type) -> int:
    with session_scope(url) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_every_hostile_input_ends_stored_or_recorded_once(nlp: Language, database_url: str, own_broker: str) -> None:
    inputs = hostile(huge_bytes=1_000_000, lines=10_000, depth=5_000, quotes=20)  # no time limit in-process
    for n, data in enumerate(inputs.values()):
        for _ in range(2):  # a redelivery must not make a second row
            handle_article(data, nlp, context(database_url, own_broker, task_id=f"hostile-{n}"))
    keys = {article_key(d) for d in inputs.values()}
    with session_scope(database_url) as session:
        stored = set(session.scalars(select(Article.content_hash)))
        failures = {
            h: (r, e) for h, r, e in session.execute(select(Failure.content_hash, Failure.reason, Failure.error))
        }
    assert keys <= stored | set(failures)
    assert not stored & set(failures)
    assert count(database_url, Article) + count(database_url, Failure) == len(inputs)
    reasons = {name: failures.get(article_key(d), ("stored", ""))[0] for name, d in inputs.items()}
    assert reasons["empty"] == reasons["whitespace only"] == "invalid"
    assert reasons["1,000,000 bytes of text"] == "invalid"
    assert "over the 300,000-byte limit" in failures[article_key(inputs["1,000,000 bytes of text"])][1]
    assert reasons["NUL bytes"] == reasons["SQL and JSON metacharacters"] == "stored"


def test_nul_bytes_are_dropped_and_the_article_is_stored(nlp: Language, database_url: str, own_broker: str) -> None:
    data = {"id": "nul\x00", "text": "The Quellport council\x00 approved the bridge budget on Monday."}
    outcome = handle_article(data, nlp, context(database_url, own_broker))
    assert outcome.status == "stored"
    with session_scope(database_url) as session:
        article = session.scalars(select(Article)).one()
    assert "\x00" not in article.text and "council approved" in article.text
    assert article.content_hash == article_key(data)  # identity is the producer's, NULs included


def test_database_outage_asks_for_a_retry_and_leaves_no_delivery_count(nlp: Language, own_broker: str) -> None:
    unreachable = f"postgresql://postgres:secret@127.0.0.1:{free_port()}/nowhere"
    with pytest.raises(TransientFailure, match="database unavailable"):
        handle_article(payload(1), nlp, context(unreachable, own_broker, task_id="outage-1"))
    assert redis.Redis.from_url(own_broker).exists("newsworker:deliveries:outage-1") == 0


def test_persisting_outage_on_the_last_attempt_is_still_only_retried_while_nothing_can_be_recorded(
    nlp: Language, own_broker: str
) -> None:
    unreachable = f"postgresql://postgres@127.0.0.1:{free_port()}/nowhere"
    ctx = context(unreachable, own_broker, task_id="outage-2")
    last = Context(**{**{f: getattr(ctx, f) for f in ctx.__dataclass_fields__}, "last_attempt": True})
    with pytest.raises(TransientFailure, match="recording a failure"):
        handle_article(payload(2), nlp, last)


def test_fourth_delivery_of_a_message_is_dead_lettered_with_its_count(
    nlp: Language, sqlite_url: str, own_broker: str
) -> None:
    counter = DeliveryCounter(own_broker)
    for _ in range(3):  # three deliveries that died without an outcome
        counter.arrive("crashing-task")
    outcome = handle_article(payload(4), nlp, context(sqlite_url, own_broker, task_id="crashing-task"))
    assert outcome.status == "failed" and outcome.reason == "redelivered"
    with session_scope(sqlite_url) as session:
        failure = session.scalars(select(Failure)).one()
    assert failure.deliveries == 3 and failure.payload == payload(4)
    assert count(sqlite_url, Article) == 0


def test_hard_time_limit_mark_makes_the_next_delivery_a_recorded_failure(
    nlp: Language, sqlite_url: str, own_broker: str
) -> None:
    DeliveryCounter(own_broker).arrive("slow-task")
    DeliveryCounter(own_broker).mark("slow-task", "hard time limit exceeded after 180 s")
    outcome = handle_article(payload(5), nlp, context(sqlite_url, own_broker, task_id="slow-task"))
    assert outcome.reason == "time_limit"
    with session_scope(sqlite_url) as session:
        assert session.scalars(select(Failure.error)).one() == "hard time limit exceeded after 180 s"


def test_a_failed_copy_of_stored_content_records_nothing(nlp: Language, sqlite_url: str, own_broker: str) -> None:
    handle_article(payload(6), nlp, context(sqlite_url, own_broker, task_id="first"))
    DeliveryCounter(own_broker).mark("second", "hard time limit exceeded")
    outcome = handle_article(payload(6), nlp, context(sqlite_url, own_broker, task_id="second"))
    assert outcome.status == "stored"
    assert (count(sqlite_url, Article), count(sqlite_url, Failure)) == (1, 0)


def _error(url: str, statement: str, **params: Any) -> SQLAlchemyError:
    try:
        with get_engine(url).begin() as conn:
            conn.execute(text(statement), params)
    except SQLAlchemyError as err:
        return err
    raise AssertionError("the statement succeeded")


def test_outages_are_transient_and_bad_data_is_permanent(postgres_url: str) -> None:
    refused = _error(f"postgresql://postgres@127.0.0.1:{free_port()}/test", "SELECT 1")
    serialization = _error(postgres_url, "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40001'; END $$")
    deadlock = _error(postgres_url, "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40P01'; END $$")
    nul = _error(postgres_url, "SELECT CAST(:v AS text)", v="a\x00b")
    missing = _error(postgres_url, "SELECT * FROM no_such_table")
    assert [is_transient(e) for e in (refused, serialization, deadlock)] == [True, True, True]
    assert [is_transient(e) for e in (nul, missing)] == [False, False]


def test_html_is_parsed_never_fetched(nlp: Language, sqlite_url: str, own_broker: str) -> None:
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.settimeout(0.5)
        base = f"http://127.0.0.1:{listener.getsockname()[1]}"
        html = (
            f'<html><head><link rel="stylesheet" href="{base}/a.css"><script src="{base}/a.js"></script>'
            f'<meta http-equiv="refresh" content="0; url={base}/r"></head><body>'
            f'<img src="{base}/photo.jpg"><iframe src="{base}/frame"></iframe>'
            "<p>The Quellport council approved the bridge budget on Monday, the mayor said.</p>"
            f'<a href="{base}/more">More</a></body></html>'
        )
        outcome = handle_article({"id": "links", "html": html}, nlp, context(sqlite_url, own_broker))
        assert outcome.status == "stored"
        with pytest.raises(TimeoutError):
            listener.accept()  # nobody came knocking


# text(f"…"), execute("…" + x), text("…" % x), text("…".format(x)): SQL made by pasting values in.
SQL_FROM_STRINGS = re.compile(r"""\b(text|execute|exec_driver_sql)\(\s*(f["']|["'][^"']*["']\s*(\+|%|\.format\())""")


def test_production_sql_is_never_built_from_strings() -> None:
    offenders = []
    for package in ("pipeline", "tasks", "storage", "worker"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if SQL_FROM_STRINGS.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def _next_message(broker: str) -> tuple[str, Any]:
    """The oldest message on the queue, decoded as a worker would: (task id, the article payload)."""
    raw = redis.Redis.from_url(broker).rpop(QUEUE)
    assert isinstance(raw, bytes), "nothing was enqueued"
    message = json.loads(raw)
    args, _kwargs, _embed = json.loads(base64.b64decode(message["body"]))
    return str(message["headers"]["id"]), args[0]


def test_dead_lettered_article_replays_into_a_stored_result(nlp: Language, sqlite_url: str, own_broker: str) -> None:
    for _ in range(3):
        DeliveryCounter(own_broker).arrive("dead-task")
    assert handle_article(payload(8), nlp, context(sqlite_url, own_broker, task_id="dead-task")).reason == "redelivered"
    env = dict(os.environ, BROKER_URL=own_broker, DATABASE_URL=sqlite_url)
    replay = subprocess.run(
        [sys.executable, "-m", "worker", "replay", "--all"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "1 failures re-enqueued" in replay.stderr + replay.stdout, replay.stderr
    task_id, replayed = _next_message(own_broker)
    assert article_key(replayed) == article_key(payload(8)) and task_id != "dead-task"
    assert handle_article(replayed, nlp, context(sqlite_url, own_broker, task_id=task_id)).status == "stored"
    assert (count(sqlite_url, Article), count(sqlite_url, Failure)) == (1, 0)


def test_a_finished_count_is_deleted_with_the_next_arrival_and_a_retried_one_at_once(own_broker: str) -> None:
    client = redis.Redis.from_url(own_broker)
    counter = DeliveryCounter(own_broker)
    assert counter.arrive("done-1").count == 1
    counter.finish("done-1")
    assert client.exists("newsworker:deliveries:done-1") == 1  # no round trip of its own
    assert counter.arrive("next-1").count == 1
    assert client.exists("newsworker:deliveries:done-1") == 0
    counter.settle("next-1")  # a retry: the count goes now, so the retried delivery starts from one
    assert client.exists("newsworker:deliveries:next-1") == 0
    for n in range(64):
        counter.arrive(f"many-{n}")
    for n in range(64):  # finished with no arrival between (threads, or a burst): the backlog stays bounded
        counter.finish(f"many-{n}")
    assert not list(client.scan_iter("newsworker:deliveries:many-*"))
