"""Bodies of the longer CLI commands, kept apart from argument parsing."""

from __future__ import annotations

import tempfile
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from worker.settings import get_settings


def _progress(console: Console) -> Progress:
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    )


def _finish(bar: Progress, task: TaskID) -> None:
    """Give a stream's bar (no total while reading) the count it reached, so it ends as N/N."""
    done = next(t.completed for t in bar.tasks if t.id == task)
    bar.update(task, total=done, completed=done)


def enqueue_command(inputs: list[str], console: Console, skip_duplicates: bool = True) -> int:
    from tasks.feeds import read_inputs
    from tasks.producer import Producer

    settings = get_settings()
    sent = rejected = duplicates = 0
    producer = Producer(
        settings.broker, settings.max_article_bytes, skip_duplicates=skip_duplicates, dedup_ttl=settings.dedup_ttl
    )
    with producer, _progress(console) as bar:
        task = bar.add_task("enqueue", total=None)
        for outcome in producer.enqueue_feed(read_inputs(inputs)):
            if outcome.error is not None:
                rejected += 1
                console.print(f"[red]rejected[/red] {outcome.error}", highlight=False)
            elif outcome.duplicate:
                duplicates += 1
            else:
                sent += 1
            bar.advance(task)
        _finish(bar, task)
    console.print(f"{sent} articles enqueued, {rejected} rejected, {duplicates} skipped as already sent")
    return 0 if rejected == 0 else 2


def worker_command(concurrency: int | None, migrate: bool, loglevel: str | None) -> None:
    from storage.migrate import upgrade
    from tasks.contract import QUEUE
    from worker.app import app
    from worker.logs import configure_logging
    from worker.observability import install

    settings = get_settings()
    configure_logging(loglevel or settings.log_level, settings.log_format)
    if migrate:
        upgrade(settings.database)
    install(settings)  # change events, METRICS_PORT, task ids in logs
    app.worker_main(
        [
            "worker",
            "--pool",
            "prefork",
            "--queues",
            QUEUE,
            "--concurrency",
            str(concurrency or settings.worker_concurrency),
            "--loglevel",
            (loglevel or settings.log_level).upper(),
            "--without-gossip",
            "--without-mingle",
        ]
    )


def run_command(inputs: list[str], concurrency: int, timeout: float, console: Console) -> int:
    from storage.migrate import upgrade
    from tasks.producer import Producer
    from worker.embedded import EmbeddedRedis
    from worker.runner import SAMPLES, enqueue_all, start_worker, stop_worker, wait_until_finished

    settings = get_settings()
    database = settings.database
    upgrade(database)
    with ExitStack() as stack:
        broker = settings.broker_url.get_secret_value() if settings.broker_url else None
        if broker is None:
            home = Path(tempfile.mkdtemp(prefix="newsworker-broker-"))
            broker = stack.enter_context(EmbeddedRedis(home)).url
            console.print(f"embedded Redis at {home} (set BROKER_URL to use your own)", highlight=False)
        worker = start_worker(broker, database, concurrency)
        stack.callback(stop_worker, worker, settings.task_time_limit + 10)
        with Producer(broker, settings.max_article_bytes) as producer, _progress(console) as bar:
            sending = bar.add_task("enqueue", total=None)
            queued = enqueue_all(producer, inputs or [str(SAMPLES)], lambda _s: bar.advance(sending))
            _finish(bar, sending)
            for reason in queued.rejected:
                console.print(f"[red]rejected[/red] {reason}", highlight=False)
            working = bar.add_task("process", total=len(queued.hashes))
            done = wait_until_finished(
                database, queued.hashes, worker, lambda n: bar.update(working, completed=n), timeout
            )
    print_summary(console, database, queued.hashes)
    if done < len(queued.hashes):
        console.print(f"[red]timed out: {len(queued.hashes) - done} articles still queued[/red]")
        return 1
    return 0


def print_summary(console: Console, database: str, hashes: frozenset[str]) -> None:
    from storage.db import session_scope
    from storage.repository import counts

    with session_scope(database) as session:
        figures = counts(session, sorted(hashes))
    table = Table(title=f"newsworker run → {database}")
    table.add_column("what")
    table.add_column("count", justify="right")
    stored = sum(v for k, v in figures.items() if k.startswith("articles_"))
    rows = [("articles enqueued", len(hashes)), ("articles stored", stored)]
    rows += [(f"  status {k.removeprefix('articles_')}", v) for k, v in figures.items() if k.startswith("articles_")]
    rows += [
        ("entities", figures.get("entities", 0)),
        ("quotes", figures.get("claims_quote", 0)),
        ("factual claims", figures.get("claims_factual", 0)),
        ("failures", figures.get("failures", 0)),
    ]
    for name, value in rows:
        table.add_row(name, str(value))
    console.print(table)


def failures_command(include_replayed: bool) -> None:
    from storage.db import session_scope
    from storage.repository import list_failures

    table = Table(title="recorded failures")
    for column in ("id", "article", "reason", "deliveries", "when", "error"):
        table.add_column(column)
    with session_scope(get_settings().database) as session:
        for f in list_failures(session, include_replayed):
            table.add_row(
                str(f.id),
                f.external_id or (f.content_hash or "")[:12],
                f.reason,
                str(f.deliveries),
                f.created_at.strftime("%Y-%m-%d %H:%M"),
                f.error[:80],
            )
    Console().print(table)


def replay_command(ids: list[int], replay_all: bool, console: Console) -> int:
    from storage.db import session_scope
    from storage.repository import list_failures
    from tasks.errors import InvalidArticle
    from tasks.producer import Producer

    if not ids and not replay_all:
        console.print("give failure ids or --all")
        return 2
    settings = get_settings()
    sent = 0
    with session_scope(settings.database) as session, Producer(settings.broker) as producer:
        for failure in list_failures(session):
            if not replay_all and failure.id not in ids:
                continue
            try:
                producer.enqueue(failure.payload)
            except InvalidArticle as error:
                console.print(f"failure {failure.id} cannot be replayed: {error}", highlight=False)
                continue
            failure.replayed_at = datetime.now(UTC)
            sent += 1
    console.print(f"{sent} failures re-enqueued")
    return 0
