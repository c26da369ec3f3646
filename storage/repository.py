"""Repository functions: each takes a session and never commits (the caller owns the transaction)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Insert, Table, delete, func, insert, select, true, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from pipeline import PIPELINE_VERSION
from pipeline.dedup import Signature, signature
from pipeline.models import ArticleResult, FactualClaim, Quote
from pipeline.record import entity_record
from storage.duplicates import IndexEntry, find_original, forget, index, lock_index
from storage.models import Article, ClaimRow, EntityRow, Failure

_ENTITIES: Table = EntityRow.__table__  # type: ignore[assignment]
_CLAIMS: Table = ClaimRow.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """What the producer said about an article, beyond its body."""

    content_hash: str
    external_id: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None


def _insert(session: Session, table: Any, values: dict[str, Any]) -> Any:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table).values(**values)
    if dialect == "sqlite":
        return sqlite.insert(table).values(**values)
    raise NotImplementedError(f"unsupported database dialect {dialect}")  # pragma: no cover


def _upsert(session: Session, table: Any, values: dict[str, Any], key: str) -> Insert:
    stmt = _insert(session, table, values)
    updates = {k: stmt.excluded[k] for k in values if k not in (key, "created_at")}
    return stmt.on_conflict_do_update(index_elements=[key], set_=updates)  # type: ignore[no-any-return]


def index_entry(result: ArticleResult) -> IndexEntry | None:
    """The body's MinHash and LSH buckets (from the pipeline when it computed them)."""
    return IndexEntry.of(Signature(result.minhash) if result.minhash is not None else signature(result.text))


def article_values(meta: ArticleMeta, result: ArticleResult) -> dict[str, Any]:
    """The article's row, but for its id, timestamps and duplicate link."""
    return {
        "content_hash": meta.content_hash,
        "external_id": meta.external_id or result.id,
        "url": meta.url or result.url,
        "source": meta.source,
        "published": meta.published,
        "title": result.title,
        "text": result.text,
        "captions": list(result.captions),
        "language": result.language,
        "status": result.status,
        "pipeline_version": PIPELINE_VERSION,
        "error": None,
    }


def child_rows(result: ArticleResult) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The article's entity rows and claim rows, without their `article_id`."""
    entities = [
        {"name": e.name, "label": e.label, "salience": e.salience, "mentions": entity_record(e)["mentions"]}
        for e in result.entities
    ]
    return entities, [_claim_row(c) for c in result.claims]


def save_result(session: Session, meta: ArticleMeta, result: ArticleResult) -> int:
    """Store one article's results idempotently: one row per content hash, children replaced.

    The general path, on both databases, inside the caller's transaction. A new article on PostgreSQL
    usually goes the one-round-trip way instead (`storage.store`)."""
    entry = index_entry(result)
    lock_index(session, entry)  # first: the look-up below must see every article indexed before
    values = article_values(meta, result)
    id_column = Article.__table__.c.id
    new = _insert(session, Article.__table__, values).on_conflict_do_nothing(index_elements=["content_hash"])
    article_id: int | None = session.execute(new.returning(id_column)).scalar_one_or_none()
    stored_before = article_id is None
    if article_id is None:
        upsert = _upsert(session, Article.__table__, values, "content_hash").returning(id_column)
        article_id = int(session.execute(upsert).scalar_one())
        session.execute(delete(EntityRow).where(EntityRow.article_id == article_id))
        session.execute(delete(ClaimRow).where(ClaimRow.article_id == article_id))
        forget(session, article_id)
    session.execute(delete(Failure).where(Failure.content_hash == meta.content_hash))
    for table, rows in zip((_ENTITIES, _CLAIMS), child_rows(result), strict=True):
        if rows:
            session.execute(insert(table), [{**row, "article_id": article_id} for row in rows])
    original = find_original(session, article_id, entry)
    index(session, article_id, entry)
    if original is not None or stored_before:
        session.execute(update(Article).where(Article.id == article_id).values(duplicate_of=original))
    return article_id


def _claim_row(claim: Quote | FactualClaim) -> dict[str, Any]:
    row: dict[str, Any] = {
        "kind": claim.kind,
        "style": None,
        "content_text": claim.content.text,
        "content_start": claim.content.start,
        "content_end": claim.content.end,
        "speaker_text": None,
        "speaker_start": None,
        "speaker_end": None,
        "speaker_entity": None,
        "cue_text": None,
        "cue_start": None,
        "cue_end": None,
        "score": None,
    }
    if isinstance(claim, FactualClaim):
        row["score"] = claim.score
        return row
    row["style"] = claim.style
    if claim.speaker is not None:
        row.update(
            speaker_text=claim.speaker.text,
            speaker_start=claim.speaker.start,
            speaker_end=claim.speaker.end,
            speaker_entity=claim.speaker.entity,
        )
    if claim.cue is not None:
        row.update(cue_text=claim.cue.text, cue_start=claim.cue.start, cue_end=claim.cue.end)
    return row


def record_failure(
    session: Session,
    meta: ArticleMeta | None,
    *,
    reason: str,
    error: str,
    payload: dict[str, Any] | None,
    task_id: str | None = None,
    traceback: str | None = None,
    deliveries: int = 1,
) -> int | None:
    """Record (or update) a failed article so that it can be listed and replayed.

    Returns None, recording nothing, when the same content is already stored: a failed second copy
    does not undo the stored result.
    """
    if meta is not None and is_stored(session, meta.content_hash):
        return None
    values = {
        "content_hash": meta.content_hash if meta else None,
        "external_id": meta.external_id if meta else None,
        "task_id": task_id,
        "reason": reason[:64],
        "error": error[:10_000],
        "traceback": traceback[-10_000:] if traceback else None,
        "deliveries": deliveries,
        "payload": payload,
        "replayed_at": None,
    }
    if meta is None:
        failure = Failure(**values)
        session.add(failure)
        session.flush()
        return failure.id
    stmt = _upsert(session, Failure.__table__, values, "content_hash").returning(Failure.__table__.c.id)
    return int(session.execute(stmt).scalar_one())


def is_stored(session: Session, content_hash: str) -> bool:
    return session.scalar(select(Article.id).where(Article.content_hash == content_hash)) is not None


def iter_articles(session: Session, since: int = 0, limit: int | None = None, batch: int = 200) -> Iterator[Article]:
    """Stored articles with id > `since`, oldest first, with their entities and claims loaded."""
    seen = 0
    while limit is None or seen < limit:
        size = batch if limit is None else min(batch, limit - seen)
        rows = session.scalars(
            select(Article)
            .where(Article.id > since)
            .order_by(Article.id)
            .limit(size)
            .options(selectinload(Article.entities), selectinload(Article.claims))
        ).all()
        if not rows:
            return
        yield from rows
        seen += len(rows)
        since = rows[-1].id


def list_failures(session: Session, include_replayed: bool = False) -> Sequence[Failure]:
    query = select(Failure).order_by(Failure.id)
    if not include_replayed:
        query = query.where(Failure.replayed_at.is_(None))
    return session.scalars(query).all()


def counts(session: Session, content_hashes: Sequence[str] | None = None) -> dict[str, int]:
    """Totals for a summary: articles by status, entities, claims by kind, open failures."""
    article_filter: ColumnElement[bool] = true()
    failure_filter: ColumnElement[bool] = true()
    if content_hashes is not None:
        article_filter = Article.content_hash.in_(content_hashes)
        failure_filter = Failure.content_hash.in_(content_hashes)
    result: dict[str, int] = {}
    for status, n in session.execute(
        select(Article.status, func.count()).where(article_filter).group_by(Article.status)
    ):
        result[f"articles_{status}"] = n
    ids = select(Article.id).where(article_filter).scalar_subquery()
    entity_count = select(func.count()).select_from(EntityRow).where(EntityRow.article_id.in_(ids))
    result["entities"] = int(session.scalar(entity_count) or 0)
    for kind, n in session.execute(
        select(ClaimRow.kind, func.count()).where(ClaimRow.article_id.in_(ids)).group_by(ClaimRow.kind)
    ):
        result[f"claims_{kind}"] = n
    result["failures"] = (
        session.scalar(select(func.count()).select_from(Failure).where(failure_filter, Failure.replayed_at.is_(None)))
        or 0
    )
    return result
