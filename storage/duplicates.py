"""Near-duplicate links, consistent across worker processes: the LSH index lives in the database.

Functions take a session and never commit; they run inside the transaction that stores the article,
so an article and its index entries appear together or not at all. One writer at a time looks up and
extends the index (SQLite serialises writers; on PostgreSQL the advisory lock LSH_LOCK is taken first,
by `lock_index` or inside `storage.pipelined`, and held until commit), so two copies stored at once by
two workers still find each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Table, delete, func, insert, select, tuple_
from sqlalchemy.orm import Session

from pipeline.dedup import DUPLICATE_THRESHOLD, Signature, band_buckets, similarity_to_stored
from storage.models import Article, MinHashBucket, MinHashSignature

# Any constant works: it names the one PostgreSQL advisory lock that serialises index look-ups.
LSH_LOCK = 0x6E77_6C73_68
MAX_CANDIDATES = 16
_SIGNATURES: Table = MinHashSignature.__table__  # type: ignore[assignment]
_BUCKETS: Table = MinHashBucket.__table__  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """A body's MinHash and its LSH band buckets, computed before the transaction starts."""

    signature: Signature
    buckets: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, sig: Signature | None) -> IndexEntry | None:
        return None if sig is None else cls(sig, tuple(band_buckets(sig)))


def lock_index(session: Session, entry: IndexEntry | None) -> None:
    """PostgreSQL: take the index lock for this transaction. Take it before any write, so that a
    transaction holding it never waits for a row another one holds while waiting for it."""
    if entry is not None and session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.pg_advisory_xact_lock(LSH_LOCK)))


def find_original(session: Session, article_id: int, entry: IndexEntry | None) -> int | None:
    """The earliest stored article at least DUPLICATE_THRESHOLD similar (or the one it copies), never
    the article itself nor a copy of it.

    One query: the MAX_CANDIDATES articles sharing the most band buckets, with their signatures. A
    near-duplicate shares most bands, a same-topic story one or two, so a story covered many times
    costs a bounded look-up, and copies of one original all link to that original anyway.
    """
    if entry is None:
        return None
    shared = func.count().label("shared")
    nearest = (
        select(MinHashBucket.article_id, shared)
        .where(
            tuple_(MinHashBucket.band, MinHashBucket.bucket).in_(entry.buckets), MinHashBucket.article_id != article_id
        )
        .group_by(MinHashBucket.article_id)
        .order_by(shared.desc(), MinHashBucket.article_id)
        .limit(MAX_CANDIDATES)
        .subquery()
    )
    rows = session.execute(
        select(MinHashSignature.article_id, MinHashSignature.signature, Article.duplicate_of)
        .join(nearest, nearest.c.article_id == MinHashSignature.article_id)
        .join(Article, Article.id == MinHashSignature.article_id)
        .order_by(MinHashSignature.article_id)
    ).all()
    return choose_original(article_id, entry, rows)


def choose_original(
    article_id: int, entry: IndexEntry, candidates: Iterable[tuple[int, bytes, int | None]]
) -> int | None:
    """Of (article id, stored signature, duplicate_of) candidates in id order, the first similar
    enough: its original if it is itself a copy. Copies of `article_id` are skipped."""
    for other_id, stored, copies in candidates:
        if copies == article_id:  # already a copy of this one (this article is being stored again)
            continue
        if similarity_to_stored(entry.signature, stored) >= DUPLICATE_THRESHOLD:
            return int(copies or other_id)
    return None


def forget(session: Session, article_id: int) -> None:
    """Drop an article's index entries (it is being stored again)."""
    session.execute(delete(MinHashBucket).where(MinHashBucket.article_id == article_id))
    session.execute(delete(MinHashSignature).where(MinHashSignature.article_id == article_id))


def index(session: Session, article_id: int, entry: IndexEntry | None) -> None:
    """Add an article's signature and band buckets to the index."""
    if entry is None:
        return
    session.execute(insert(_SIGNATURES).values(article_id=article_id, signature=entry.signature.to_bytes()))
    session.execute(insert(_BUCKETS), _bucket_rows(article_id, entry.buckets))


def _bucket_rows(article_id: int, buckets: Sequence[tuple[int, int]]) -> list[dict[str, int]]:
    return [{"band": band, "bucket": bucket, "article_id": article_id} for band, bucket in buckets]
