"""What a worker does with one article: validate → pipeline → one transaction. No Celery here."""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from spacy.language import Language
from sqlalchemy.exc import DBAPIError, OperationalError

from pipeline.models import RawArticle
from pipeline.process import process
from storage.db import session_scope
from storage.repository import ArticleMeta, record_failure, save_result
from tasks.contract import ArticlePayload, validate_payload
from tasks.errors import InvalidArticle, TransientFailure

log = logging.getLogger(__name__)


class Deliveries(Protocol):
    def arrive(self, content_hash: str) -> int: ...
    def settle(self, content_hash: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Literal["stored", "failed"]
    article_id: int | None = None
    reason: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "article_id": self.article_id, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Context:
    database_url: str
    max_bytes: int
    max_deliveries: int
    deliveries: Deliveries
    task_id: str | None = None


def raw_article(payload: ArticlePayload) -> RawArticle:
    return RawArticle(id=payload.id, title=payload.title, text=payload.text, html=payload.html,
                      url=payload.url, published=payload.published, source=payload.source)


def meta_of(payload: ArticlePayload) -> ArticleMeta:
    return ArticleMeta(content_hash=payload.content_hash(), external_id=payload.id, url=payload.url,
                       source=payload.source, published=payload.published)


def handle_article(data: Any, nlp: Language, ctx: Context) -> Outcome:
    """Store the article's results or record why not. Raises only `TransientFailure` (retry later)."""
    try:
        payload = validate_payload(data, ctx.max_bytes)
    except InvalidArticle as err:
        return _fail(ctx, None, "invalid", str(err), data if isinstance(data, dict) else None)
    meta = meta_of(payload)
    count = ctx.deliveries.arrive(meta.content_hash)
    if count > ctx.max_deliveries:
        reason = f"delivered {count} times without finishing (the worker died on it each time)"
        return _settle(ctx, meta, _fail(ctx, meta, "redelivered", reason, data, deliveries=count))
    try:
        result = process(raw_article(payload), nlp)
    except Exception as err:  # one bad article never takes the worker down
        return _settle(ctx, meta, _fail(ctx, meta, type(err).__name__, str(err) or repr(err), data,
                                        trace=traceback.format_exc(), deliveries=count))
    try:
        with session_scope(ctx.database_url) as session:
            article_id = save_result(session, meta, result)
    except DBAPIError as err:
        if isinstance(err, OperationalError) or err.connection_invalidated:
            raise TransientFailure(f"database unavailable: {type(err.orig).__name__}") from err
        # The database refused this article's data (not an outage): record it, do not retry.
        return _settle(ctx, meta, _fail(ctx, meta, "database_rejected", str(err.orig), data,
                                        trace=traceback.format_exc(), deliveries=count))
    log.info("article stored", extra={"article_id": article_id, "content_hash": meta.content_hash,
                                      "status": result.status, "task_id": ctx.task_id})
    return _settle(ctx, meta, Outcome("stored", article_id))


def _settle(ctx: Context, meta: ArticleMeta, outcome: Outcome) -> Outcome:
    ctx.deliveries.settle(meta.content_hash)
    return outcome


def _fail(ctx: Context, meta: ArticleMeta | None, reason: str, error: str, payload: Any,
          trace: str | None = None, deliveries: int = 1) -> Outcome:
    log.warning("article failed", extra={"reason": reason, "error": error[:500], "task_id": ctx.task_id})
    try:
        with session_scope(ctx.database_url) as session:
            record_failure(session, meta, reason=reason, error=error, payload=payload,
                           task_id=ctx.task_id, traceback=trace, deliveries=deliveries)
    except DBAPIError as err:
        raise TransientFailure(f"database unavailable while recording a failure: {err.orig}") from err
    return Outcome("failed", reason=reason)
