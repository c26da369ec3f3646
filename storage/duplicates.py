"""Near-duplicate links, consistent across worker processes: the LSH index lives in the database.

Functions take a session and never commit; `link_near_duplicate` runs inside the transaction that
stores the article, so an article and its index entries appear together or not at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import and_, delete, insert, or_, select, text, update
from sqlalchemy.orm import Session

from pipeline.dedup import DUPLICATE_THRESHOLD, Signature, band_buckets, signature, similarity
from storage.models import Article, MinHashBucket, MinHashSignature

# Any constant works: it names the one PostgreSQL advisory lock that serialises index look-ups.
_LSH_LOCK = 0x6E77_6C73_68


def _serialise(session: Session) -> None:
    """Let one transaction at a time look up and extend the index (held until commit), so two copies
    stored at once by two workers still find each other. SQLite already serialises writers."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LSH_LOCK})


def candidates(session: Session, article_id: int, buckets: Sequence[tuple[int, int]]) -> list[int]:
    """Other articles sharing at least one band bucket, oldest first."""
    shared = or_(*(and_(MinHashBucket.band == band, MinHashBucket.bucket == bucket) for band, bucket in buckets))
    query = select(MinHashBucket.article_id).where(shared, MinHashBucket.article_id != article_id).distinct()
    return sorted(session.scalars(query))


def find_original(session: Session, article_id: int, sig: Signature) -> int | None:
    """The earliest stored article at least DUPLICATE_THRESHOLD similar (or the one it copies)."""
    ids = candidates(session, article_id, band_buckets(sig))
    if not ids:
        return None
    rows = session.execute(
        select(MinHashSignature.article_id, MinHashSignature.signature, Article.duplicate_of)
        .join(Article, Article.id == MinHashSignature.article_id)
        .where(MinHashSignature.article_id.in_(ids)).order_by(MinHashSignature.article_id)
    ).all()
    for other_id, stored, copies in rows:
        if copies == article_id:  # already a copy of this one (this article is being stored again)
            continue
        if similarity(sig, Signature.from_bytes(stored)) >= DUPLICATE_THRESHOLD:
            return int(copies or other_id)
    return None


def link_near_duplicate(session: Session, article_id: int, body: str) -> int | None:
    """Index the article's body and set its `duplicate_of`; return the original's id, or None."""
    _serialise(session)
    session.execute(delete(MinHashBucket).where(MinHashBucket.article_id == article_id))
    session.execute(delete(MinHashSignature).where(MinHashSignature.article_id == article_id))
    sig = signature(body)
    original = find_original(session, article_id, sig) if sig is not None else None
    session.execute(update(Article).where(Article.id == article_id).values(duplicate_of=original))
    if sig is None:
        return None
    session.execute(insert(MinHashSignature).values(article_id=article_id, signature=sig.to_bytes()))
    session.execute(insert(MinHashBucket), [{"band": band, "bucket": bucket, "article_id": article_id}
                                            for band, bucket in band_buckets(sig)])
    return original
