"""Storage on SQLite and PostgreSQL: idempotent writes, one transaction, failures, export order."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError

from pipeline.models import ArticleResult, Entity, FactualClaim, Quote, Span, Speaker
from storage.db import session_scope
from storage.models import Article, ClaimRow, EntityRow, Failure
from storage.records import article_record
from storage.repository import ArticleMeta, counts, iter_articles, list_failures, record_failure, save_result
from storage.store import store
from tasks.handler import is_transient

TEXT = 'Ana Ruiz said the dam was safe. "It will hold," she said. Output rose 12% in 2025.'


def result(title: str = "Dam safe") -> ArticleResult:
    ana = Entity("Ana Ruiz", "PERSON", (Span("Ana Ruiz", 0, 8),), 1.0)
    quote = Quote("direct", Span("It will hold", 33, 45), Speaker("she", 48, 51, "Ana Ruiz"), Span("said", 52, 56))
    fact = FactualClaim(Span("Output rose 12% in 2025", 58, 81), 0.8)
    return ArticleResult("a1", title, TEXT, ("A caption",), "en", (ana,), (quote, fact))


def count(url: str, model: type) -> int:
    with session_scope(url) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_same_article_saved_twice_leaves_one_row_and_one_set_of_children(database_url: str) -> None:
    meta = ArticleMeta(content_hash="h" * 64, external_id="a1")
    for title in ("first", "second"):  # on PostgreSQL: the one-statement path, then the replacing one
        store(database_url, meta, result(title))
    assert count(database_url, Article) == 1
    assert count(database_url, EntityRow) == 1
    assert count(database_url, ClaimRow) == 2
    with session_scope(database_url) as session:
        assert session.scalar(select(Article.title)) == "second"


def test_failed_transaction_leaves_nothing_behind(database_url: str) -> None:
    meta = ArticleMeta(content_hash="f" * 64)
    with pytest.raises(RuntimeError), session_scope(database_url) as session:
        save_result(session, meta, result())
        raise RuntimeError("crash after the writes, before commit")
    assert count(database_url, Article) == 0
    assert count(database_url, EntityRow) == 0


def test_stored_record_round_trips_offsets_and_speaker(database_url: str) -> None:
    store(database_url, ArticleMeta(content_hash="r" * 64), result())
    with session_scope(database_url) as session:
        record = article_record(next(iter_articles(session)))
    quote = next(c for c in record["claims"] if c["kind"] == "quote")
    assert record["text"][quote["content"]["start"] : quote["content"]["end"]] == quote["content"]["text"]
    assert quote["speaker"]["entity"] == "Ana Ruiz"
    assert record["entities"][0]["mentions"] == [{"text": "Ana Ruiz", "start": 0, "end": 8}]
    assert record["captions"] == ["A caption"]


def test_child_rows_keep_quotes_backslashes_and_non_ascii_text_exactly(database_url: str) -> None:
    # PostgreSQL receives an article's child rows as one JSON document: escaping must be lossless.
    awkward = 'Zoë \\ "Ö\'Neil" \u00a0— 北京 🚀 \\n \\u0041 {"a": [1]}'
    text = f"{awkward} said it. Output rose 5%."
    name = awkward
    entity = Entity(name, "PERSON", (Span(name, 0, len(name)),), 0.5)
    quote = Quote(
        "indirect",
        Span("it", len(name) + 6, len(name) + 8),
        Speaker(name, 0, len(name), name),
        Span("said", len(name) + 1, len(name) + 5),
    )
    fact = FactualClaim(Span("Output rose 5%", len(name) + 10, len(text) - 1), float("1e-300"))
    article = ArticleResult("w1", awkward, text, (awkward,), "en", (entity,), (quote, fact))
    store(database_url, ArticleMeta(content_hash="w" * 64), article)
    with session_scope(database_url) as session:
        record = article_record(next(iter_articles(session)))
    assert record["entities"][0]["name"] == name
    assert record["entities"][0]["mentions"] == [{"text": name, "start": 0, "end": len(name)}]
    stored_quote = next(c for c in record["claims"] if c["kind"] == "quote")
    assert stored_quote["speaker"]["text"] == name and stored_quote["speaker"]["entity"] == name
    stored_fact = next(c for c in record["claims"] if c["kind"] == "factual")
    assert stored_fact["content"]["text"] == "Output rose 5%" and stored_fact["score"] == 1e-300


def test_storing_an_article_clears_its_earlier_failure(database_url: str) -> None:
    meta = ArticleMeta(content_hash="c" * 64)
    with session_scope(database_url) as session:
        record_failure(session, meta, reason="TimeoutError", error="took too long", payload={"text": "x"})
    assert count(database_url, Failure) == 1
    store(database_url, meta, result())
    with session_scope(database_url) as session:
        assert counts(session)["failures"] == 0
        assert list_failures(session) == []


def test_export_cursor_resumes_after_the_last_article(database_url: str) -> None:
    for n in range(5):
        store(database_url, ArticleMeta(content_hash=f"{n}" * 64), result(f"t{n}"))
    with session_scope(database_url) as session:
        first = [a.id for a in iter_articles(session, limit=2)]
        rest = [a.title for a in iter_articles(session, since=first[-1])]
    assert len(first) == 2
    assert rest == ["t2", "t3", "t4"]


def test_a_refused_write_in_the_one_statement_path_raises_sqlalchemys_error_and_stores_nothing(
    postgres_url: str,
) -> None:
    with session_scope(postgres_url) as session:
        session.execute(text("ALTER TABLE claims ADD CONSTRAINT no_facts CHECK (kind <> 'factual')"))
    with pytest.raises(IntegrityError, match="no_facts"):
        store(postgres_url, ArticleMeta(content_hash="r" * 64), result())
    assert count(postgres_url, Article) == 0 and count(postgres_url, EntityRow) == 0
    assert not is_transient(IntegrityError("", None, Exception()))  # recorded as database_rejected, not retried


def test_the_one_statement_path_stores_what_the_session_path_stores(postgres_url: str) -> None:
    # The database function lists the tables' columns itself: a column it missed would differ here.
    meta = ArticleMeta(
        content_hash="s" * 64, external_id="x1", url="https://wire.example/x1", source="wire", published="2026-11-28"
    )
    new_id = store(postgres_url, meta, result())
    with session_scope(postgres_url) as session:
        via_function = article_record(next(iter_articles(session)))
        session.execute(text("DELETE FROM articles"))
    with session_scope(postgres_url) as session:
        again_id = save_result(session, meta, result())
    with session_scope(postgres_url) as session:
        via_session = article_record(next(iter_articles(session)))
    assert again_id != new_id
    for record in (via_function, via_session):
        del record["cursor"], record["updated_at"]
    assert via_function == via_session
    assert via_function["published"] == "2026-11-28" and via_function["entities"] and via_function["claims"]


def test_a_pooled_connection_killed_while_idle_is_replaced_before_use(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storage.db

    with session_scope(postgres_url) as session:
        backend = session.scalar(text("SELECT pg_backend_pid()"))
    with session_scope(postgres_url.split("?")[0]) as admin:  # another pool: terminate the idle backend
        assert admin.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": backend}) is True
    monkeypatch.setattr(storage.db, "IDLE_PING_SECONDS", 0.0)
    with session_scope(postgres_url) as session:
        assert session.scalar(text("SELECT pg_backend_pid()")) != backend
    monkeypatch.setattr(storage.db, "IDLE_PING_SECONDS", 3600.0)  # no ping: the dead connection is an outage
    with session_scope(postgres_url) as session:
        killed = session.scalar(text("SELECT pg_backend_pid()"))
    with session_scope(postgres_url.split("?")[0]) as admin:
        admin.scalar(text("SELECT pg_terminate_backend(:pid)"), {"pid": killed})
    with pytest.raises(Exception) as raised, session_scope(postgres_url) as session:
        session.scalar(text("SELECT 1"))
    assert is_transient(raised.value)  # type: ignore[arg-type]


def test_a_database_not_migrated_to_the_store_function_still_stores_articles(postgres_url: str) -> None:
    with session_scope(postgres_url) as session:
        session.execute(text("DROP FUNCTION newsworker_store_new"))
    meta = ArticleMeta(content_hash="u" * 64)
    first = store(postgres_url, meta, result())
    assert store(postgres_url, ArticleMeta(content_hash="v" * 64), result("other")) != first
    assert count(postgres_url, Article) == 2 and count(postgres_url, ClaimRow) == 4
