"""Operations end to end, with one real `newsworker worker` (2 processes, PostgreSQL, METRICS_PORT):
WARC in, change events out, /metrics, structured logs, `newsworker status`, near-duplicates."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import redis
from celery import Celery
from sqlalchemy import func, select

from storage.db import session_scope
from storage.models import Article, Failure
from tasks.contract import QUEUE, TaskNames
from tasks.producer import Producer, Sent
from tests.articles import wire_story
from tests.ops_articles import news_page, original_story, other_story, syndicated_copy
from tests.ops_services import newsworker, private_redis, write_warc
from tests.services import (
    ROOT,
    WorkerProcess,
    free_port,
    missing_service,
    postgres_base_url,
    private_schema,
    wait_for,
)
from worker.follow import latest_id

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Stack:
    broker: str
    database: str
    metrics_port: int
    worker: WorkerProcess
    log: Path

    @property
    def env(self) -> dict[str, str]:
        return {"BROKER_URL": self.broker, "DATABASE_URL": self.database}


@pytest.fixture(scope="module")
def stack(redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    base = postgres_base_url()
    if base is None:
        missing_service("the operations end-to-end tests need DATABASE_URL=postgresql://... (none set)")
        return
    with private_schema(base, "nw_ops") as database:
        broker = private_redis(redis_url)
        port = free_port()
        log = tmp_path_factory.mktemp("ops") / "worker.log"
        worker = WorkerProcess(
            broker, database, concurrency=2, log=log, extra_env={"METRICS_PORT": str(port), "LOG_FORMAT": "json"}
        )
        yield Stack(broker, database, port, worker, log)
        worker.stop()
        print(log.read_text()[-3000:])


def stored_ids(stack: Stack, hashes: set[str]) -> dict[str, int]:
    with session_scope(stack.database) as session:
        rows = session.execute(select(Article.content_hash, Article.id).where(Article.content_hash.in_(hashes)))
        return {content_hash: article_id for content_hash, article_id in rows}


def failures(stack: Stack) -> int:
    with session_scope(stack.database) as session:
        return int(session.scalar(select(func.count()).select_from(Failure)) or 0)


def send_stories(stack: Stack, numbers: range) -> list[Sent]:
    with Producer(stack.broker) as producer:
        return [producer.enqueue({"id": f"ops-{n}", "text": wire_story(n)}) for n in numbers]


def send_without_body(stack: Stack, ident: str) -> None:
    """An article sent around the contract (no body): the worker records it as a failure."""
    rogue = Celery("rogue", broker=stack.broker, set_as_current=False)
    rogue.send_task(TaskNames.PROCESS, args=[{"id": ident}], queue=QUEUE)
    rogue.close()


def wait_stored(stack: Stack, sent: list[Sent], timeout: float = 120) -> dict[str, int]:
    hashes = {s.content_hash for s in sent if s.content_hash}
    wait_for(lambda: len(stored_ids(stack, hashes)) == len(hashes), timeout, what=f"{len(hashes)} stored articles")
    return stored_ids(stack, hashes)


def test_warc_of_twenty_two_pages_is_enqueued_and_stored(stack: Stack, tmp_path: Path) -> None:
    pages = {f"https://gazette.example/2026/11/{n}": news_page(n) for n in range(22)}
    write_warc(tmp_path / "crawl.warc.gz", pages)

    enqueued = newsworker("enqueue", str(tmp_path / "crawl.warc.gz"), env=stack.env)

    assert enqueued.returncode == 0, enqueued.stderr
    assert "22 articles enqueued, 0 rejected" in enqueued.stderr

    def stored_urls() -> set[str]:
        with session_scope(stack.database) as session:
            return set(session.scalars(select(Article.url).where(Article.url.in_(pages))))

    wait_for(lambda: stored_urls() == set(pages), 150, what="22 pages from the WARC stored")
    with session_scope(stack.database) as session:
        statuses = set(session.scalars(select(Article.status).where(Article.url.in_(pages))))
    assert statuses == {"processed"}


def test_follow_prints_an_event_per_committed_article_and_none_for_a_failed_one(stack: Stack) -> None:
    after = latest_id(redis.Redis.from_url(stack.broker))
    follower = subprocess.Popen(
        [sys.executable, "-m", "worker", "follow", "--from", after, "--count", "3", "--idle-timeout", "120"],
        env={**os.environ, **stack.env},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    send_without_body(stack, "ops-no-body")
    sent = send_stories(stack, range(60, 63))

    out, errors = follower.communicate(timeout=150)

    assert follower.returncode == 0, errors
    events = [json.loads(line) for line in out.splitlines()]
    ids = wait_stored(stack, sent)
    assert sorted((e["content_hash"], e["article_id"]) for e in events) == sorted(ids.items())
    assert all(e["cursor"] == e["article_id"] and e["type"] == "article.stored" for e in events)
    wait_for(lambda: failures(stack) >= 1, 60, what="the failure of the article without a body")
    later = newsworker("follow", "--from", events[-1]["event_id"], "--idle-timeout", "3", env=stack.env)
    assert later.stdout == "", "no event for the failed article (nor anything else)"
    assert f"last event id: {events[-1]['event_id']}" in later.stderr


def scrape(stack: Stack) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{stack.metrics_port}/metrics", timeout=10) as response:
        return str(response.read().decode())


def sample(metrics: str, name: str) -> float:
    match = re.search(rf"^{re.escape(name)} ([0-9.e+]+)$", metrics, re.MULTILINE)
    assert match, f"{name} not in /metrics"
    return float(match.group(1))


def test_metrics_endpoint_counts_stored_and_failed_articles_and_shows_queue_depth(stack: Stack) -> None:
    wait_stored(stack, send_stories(stack, range(70, 72)))
    send_without_body(stack, "ops-metrics-no-body")
    wait_for(
        lambda: 'newsworker_articles_failed_total{reason="invalid"}' in scrape(stack), 60, what="the failure counted"
    )

    metrics = scrape(stack)

    assert sample(metrics, "newsworker_articles_stored_total") >= 2
    assert sample(metrics, 'newsworker_articles_failed_total{reason="invalid"}') >= 1
    assert sample(metrics, 'newsworker_stage_duration_seconds_count{stage="task"}') >= 3
    for stage in ("clean", "language", "nlp", "entities", "claims"):
        assert sample(metrics, f'newsworker_stage_duration_seconds_count{{stage="{stage}"}}') >= 2
    assert sample(metrics, 'newsworker_tasks_total{state="SUCCESS"}') >= 3
    assert sample(metrics, 'newsworker_queue_depth{queue="articles"}') == 0


def log_lines(stack: Stack) -> list[dict[str, Any]]:
    lines = []
    for line in stack.log.read_text().splitlines():
        if line.startswith("{"):
            lines.append(json.loads(line))
    return lines


def test_task_log_lines_carry_the_task_id_and_the_article_ids(stack: Stack) -> None:
    sent = send_stories(stack, range(80, 81))
    ids = wait_stored(stack, sent)

    stored = [e for e in log_lines(stack) if e["msg"] == "article stored" and e.get("external_id") == "ops-80"]

    assert stored and stored[0]["task_id"] == sent[0].task_id
    assert stored[0]["article_id"] == ids[sent[0].content_hash or ""]


def test_status_reports_queue_workers_throughput_and_failures(stack: Stack) -> None:
    wait_stored(stack, send_stories(stack, range(90, 91)))
    send_without_body(stack, "ops-status-no-body")
    wait_for(lambda: failures(stack) >= 1, 60, what="a failure")

    figures = json.loads(newsworker("status", "--json", env=stack.env).stdout)
    table = newsworker("status", env={**stack.env, "COLUMNS": "120"})

    assert figures["queued"] == 0 and len(figures["workers"]) == 1
    assert figures["stored_last_minute"] >= 1 and figures["stored_last_hour"] >= figures["stored_last_minute"]
    assert figures["failures_open"] >= 1 and figures["failures_last_hour"].get("invalid", 0) >= 1
    assert table.returncode == 0 and "workers alive" in table.stdout and "stored in the last minute" in table.stdout


def test_near_duplicates_stored_at_once_by_two_processes_are_linked(stack: Stack) -> None:
    with Producer(stack.broker) as producer:
        sent = [
            producer.enqueue({"id": "lune-original", "text": original_story()}),
            producer.enqueue({"id": "lune-copy", "text": syndicated_copy()}),
            producer.enqueue({"id": "heatwave", "text": other_story()}),
        ]
    ids = wait_stored(stack, sent)
    original, copy, other = (ids[s.content_hash or ""] for s in sent)

    with session_scope(stack.database) as session:
        links = dict(
            session.execute(
                select(Article.id, Article.duplicate_of).where(Article.id.in_([original, copy, other]))
            ).all()
        )
    assert links[other] is None
    assert {links[original], links[copy]} in ({None, original}, {None, copy})  # the later one points at the first
    assert links[original] != links[copy]
