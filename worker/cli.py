"""The `newsworker` command line: extract, enqueue, worker, run, export, failures, replay, migrate, follow,
status."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from worker.settings import get_settings

app = typer.Typer(
    name="newsworker",
    help="Turn a news crawler's raw articles into structured facts: clean bodies, merged entities, "
    "attributed quotes and check-worthy claims. Settings come from the environment (see README).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
)
err = Console(stderr=True)

Inputs = Annotated[
    list[str],
    typer.Argument(
        help="Files (.txt, .html, .html.gz, .jsonl, .warc, .warc.gz), folders (recursive), or - for JSONL on stdin."
    ),
]


@app.command()
def extract(inputs: Inputs) -> None:
    """Run the pipeline in this process (no queue, no database); print one JSON record per article."""
    from tasks.feeds import read_inputs
    from worker.extract import extract_records, write_jsonl
    from worker.lifecycle import load_configured_nlp

    settings = get_settings()
    nlp = load_configured_nlp(settings)
    write_jsonl(extract_records(read_inputs(inputs), nlp, settings.max_article_bytes), sys.stdout)


@app.command()
def enqueue(
    inputs: Inputs,
    dedup: Annotated[
        bool, typer.Option(help="Skip articles whose URL or body was sent within DEDUP_TTL (7 days).")
    ] = True,
) -> None:
    """Validate articles and send them to the queue at BROKER_URL (needs no spaCy, no database)."""
    from worker.commands import enqueue_command

    raise typer.Exit(enqueue_command(inputs, err, skip_duplicates=dedup))


@app.command()
def worker(
    concurrency: Annotated[int | None, typer.Option(help="Worker processes (default: WORKER_CONCURRENCY).")] = None,
    migrate: Annotated[bool, typer.Option(help="Bring the database schema up to date first.")] = False,
    loglevel: Annotated[str | None, typer.Option(help="Log level (default: LOG_LEVEL).")] = None,
) -> None:
    """Start a Celery worker (prefork) consuming articles from BROKER_URL into DATABASE_URL."""
    from worker.commands import worker_command

    worker_command(concurrency, migrate, loglevel)


@app.command()
def run(
    inputs: Annotated[list[str] | None, typer.Argument(help="Articles to process (default: bundled samples).")] = None,
    concurrency: Annotated[int, typer.Option(help="Worker processes.")] = 1,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the queue to drain.")] = 1800.0,
) -> None:
    """Process articles end to end with no set-up: embedded Redis, worker(s), SQLite, then a summary."""
    from worker.commands import run_command

    raise typer.Exit(run_command(inputs or [], concurrency, timeout, err))


@app.command()
def export(
    since: Annotated[int, typer.Option(help="Cursor: print only results stored after it.")] = 0,
    limit: Annotated[int | None, typer.Option(help="Print at most this many records.")] = None,
    collapse_duplicates: Annotated[
        bool, typer.Option(help="Skip near-copies of an article already stored (records with a `duplicate_of`).")
    ] = False,
) -> None:
    """Print stored results as JSON Lines; each record has a `cursor` to resume from with --since."""
    from storage.db import session_scope
    from storage.records import article_record
    from storage.repository import iter_articles

    last = since
    with session_scope(get_settings().database) as session:
        for article in iter_articles(session, since=since, limit=limit):
            last = article.id
            if collapse_duplicates and article.duplicate_of is not None:
                continue
            sys.stdout.write(json.dumps(article_record(article), ensure_ascii=False) + "\n")
    err.print(f"next cursor: {last}", highlight=False)


@app.command()
def failures(all_: Annotated[bool, typer.Option("--all", help="Include replayed failures.")] = False) -> None:
    """List articles recorded as failed (the dead-letter table)."""
    from worker.commands import failures_command

    failures_command(all_)


@app.command()
def replay(
    ids: Annotated[list[int] | None, typer.Argument(help="Failure ids to re-enqueue.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Re-enqueue every open failure.")] = False,
) -> None:
    """Send recorded failures back to the queue (their payload is kept in the database)."""
    from worker.commands import replay_command

    raise typer.Exit(replay_command(ids or [], all_, err))


@app.command()
def migrate() -> None:
    """Create or upgrade the database schema at DATABASE_URL (Alembic)."""
    from storage.migrate import upgrade

    upgrade(get_settings().database)
    err.print("database schema is up to date")


@app.command()
def follow(
    after: Annotated[
        str | None,
        typer.Option("--from", help="Event id to resume after (0: every event kept; default: only new events)."),
    ] = None,
    count: Annotated[int | None, typer.Option(help="Stop after this many events.")] = None,
    idle_timeout: Annotated[float | None, typer.Option(help="Stop when no event came for this many seconds.")] = None,
) -> None:
    """Print change events (an article's results committed) as JSON Lines, as they happen, from BROKER_URL."""
    import redis

    from worker.follow import follow as tail

    try:
        last = tail(get_settings().broker, after, sys.stdout, max_events=count, idle_timeout=idle_timeout)
    except redis.RedisError as error:
        err.print(f"cannot read change events from BROKER_URL: {type(error).__name__}: {error}", highlight=False)
        raise typer.Exit(1) from None
    err.print(f"last event id: {last}", highlight=False)


@app.command()
def status(
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object instead of a table.")] = False,
) -> None:
    """Queue depth, workers alive (celery ping), articles stored in the last minute/hour, failures."""
    from worker.status import as_json as status_json
    from worker.status import collect, render

    settings = get_settings()
    figures = collect(settings.broker, settings.database)
    if as_json:
        print(json.dumps(status_json(figures)))
    else:
        render(figures, Console())


@app.command()
def samples() -> None:
    """Print the folder of bundled sample articles."""
    from worker.runner import SAMPLES

    print(Path(SAMPLES))


def main() -> None:
    app()
