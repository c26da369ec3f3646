"""What a worker does with one article: validate → pipeline → one transaction. No Celery here.

Every path ends in exactly one of: a stored result, a recorded failure, or `TransientFailure`
(the caller retries later). Nothing is acknowledged without one of the first two.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import time
import traceback
from dataclasses import dataclass, replace
from typing import Any, Literal, Protocol

from spacy.language import Language
from sqlalchemy.exc import DBAPIError, DisconnectionError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from pipeline.models import RawArticle
from pipeline.process import process
from storage.db import session_scope
from storage.repository import ArticleMeta, record_failure
from storage.store import store
from tasks.contract import ArticlePayload, validate_payload
from tasks.errors import InvalidArticle, TransientFailure

log = logging.getLogger(__name__)

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL and lone surrogates: no database text column takes them
_BODIES = ("text", "html")


class Arrival(Protocol):
    @property
    def count(self) -> int: ...
    @property
    def cause(self) -> str | None: ...


class Deliveries(Protocol):
    def arrive(self, key: str) -> Arrival: ...
    def settle(self, key: str) -> None: ...
    def finish(self, key: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Outcome:
    status: Literal["stored", "failed"]
    article_id: int | None = None
    reason: str | None = None
    pipeline_seconds: float | None = None  # time in `pipeline.process`, when it ran (not in the task's result)
    result_status: str | None = None  # the stored result's status ("ok", "skipped_language", ...)
    content_hash: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "article_id": self.article_id,
            "reason": self.reason,
            "content_hash": self.content_hash,
        }


@dataclass(frozen=True, slots=True)
class Context:
    database_url: str
    max_bytes: int
    max_deliveries: int
    deliveries: Deliveries
    task_id: str | None = None
    last_attempt: bool = False  # retries are exhausted: record a persisting outage instead of retrying


def storable(value: Any) -> Any:
    """`value` with NUL dropped and lone surrogates replaced in every string, so any database keeps it."""
    if isinstance(value, str):
        return _UNSTORABLE.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)
    if isinstance(value, dict):
        return {storable(k): storable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable(v) for v in value]
    return value


def article_key(data: Any) -> str:
    """The hash a message ends under in `articles` or `failures`: the content hash when the payload
    is an article (as the producer computes it), else a hash of the payload's canonical JSON."""
    if isinstance(data, dict):
        parts = {k: data.get(k) for k in ("url", "title", "text", "html")}
        if all(v is None or isinstance(v, str) for v in parts.values()):
            return ArticlePayload.model_construct(**parts).content_hash()
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=True, default=repr)
    return hashlib.sha256(canonical.encode()).hexdigest()


def raw_article(payload: ArticlePayload) -> RawArticle:
    return RawArticle(
        id=payload.id,
        title=payload.title,
        text=payload.text,
        html=payload.html,
        url=payload.url,
        published=payload.published,
        source=payload.source,
    )


def meta_of(payload: ArticlePayload, content_hash: str | None = None) -> ArticleMeta:
    return ArticleMeta(
        content_hash=content_hash or payload.content_hash(),
        external_id=payload.id,
        url=payload.url,
        source=payload.source,
        published=payload.published,
    )


def failure_payload(data: Any, max_bytes: int) -> dict[str, Any] | None:
    """What a failure keeps for replay: the payload made storable; an over-limit body is not kept."""
    if not isinstance(data, dict):
        return {"invalid": storable(data)} if isinstance(data, str | int | float | list) else None
    kept = {k: v for k, v in data.items() if not (k in _BODIES and isinstance(v, str) and len(v) > max_bytes)}
    return dict(storable(kept))


def handle_article(data: Any, nlp: Language, ctx: Context) -> Outcome:
    """Store the article's results or record why not. Raises only `TransientFailure` (retry later)."""
    started = time.perf_counter()
    key = article_key(data)
    try:
        payload = validate_payload(storable(data), ctx.max_bytes)
    except InvalidArticle as err:
        return _fail(ctx, _invalid_meta(data, key), "invalid", str(err), data)
    meta = meta_of(payload, key)
    delivery = ctx.task_id or key
    arrival = ctx.deliveries.arrive(delivery)
    try:
        if arrival.cause is not None:  # the worker killed the last delivery: no second try
            outcome = _fail(ctx, meta, "time_limit", arrival.cause, data, deliveries=arrival.count - 1)
        elif arrival.count > ctx.max_deliveries:
            outcome = _dead_letter(ctx, meta, data, arrival.count - 1)
        else:
            outcome = _attempt(payload, meta, data, nlp, ctx, arrival.count)
    except TransientFailure:
        ctx.deliveries.settle(delivery)  # retried as a new attempt: the worker did not die on this one
        raise
    if ctx.task_id:  # a task id never comes back once its message is finished: forget it lazily
        ctx.deliveries.finish(delivery)
    else:  # keyed by content, which may be sent again
        ctx.deliveries.settle(delivery)
    outcome = replace(outcome, content_hash=meta.content_hash)
    if outcome.status == "stored" and outcome.pipeline_seconds is not None:
        overhead = time.perf_counter() - started - outcome.pipeline_seconds
        log.info(
            "article stored",
            extra={
                "article_id": outcome.article_id,
                "content_hash": meta.content_hash,
                "status": outcome.result_status,
                "task_id": ctx.task_id,
                "pipeline_ms": round(outcome.pipeline_seconds * 1000, 2),
                "overhead_ms": round(overhead * 1000, 2),
            },
        )
    return outcome


def _dead_letter(ctx: Context, meta: ArticleMeta, data: Any, deliveries: int) -> Outcome:
    error = (
        f"delivered {deliveries} times without an outcome: the worker process died on it each time "
        "(killed, crashed or out of memory), or an error kept it from recording one"
    )
    return _fail(ctx, meta, "redelivered", error, data, deliveries=deliveries)


def _attempt(payload: ArticlePayload, meta: ArticleMeta, data: Any, nlp: Language, ctx: Context, count: int) -> Outcome:
    try:
        return _process_and_store(payload, meta, nlp, ctx)
    except TransientFailure as err:
        if not ctx.last_attempt:
            raise
        return _fail(ctx, meta, "outage_persisted", f"gave up retrying: {err}", data, deliveries=count)
    except Exception as err:  # one bad article never takes the worker down
        reason, error = _reason(err)
        return _fail(ctx, meta, reason, error, data, trace=traceback.format_exc(), deliveries=count)


def _reason(err: Exception) -> tuple[str, str]:
    # Celery's soft limit exception, matched by name so that this module needs no Celery.
    if type(err).__name__ == "SoftTimeLimitExceeded":
        return "time_limit", "soft time limit exceeded: the article took longer than TASK_SOFT_TIME_LIMIT"
    if isinstance(err, MemoryError):
        return "memory_limit", "out of memory: the article needed more than WORKER_MEMORY_LIMIT"
    return type(err).__name__, str(err) or repr(err)


def is_transient(err: SQLAlchemyError) -> bool:
    """An outage (refused or dropped connection, deadlock, serialization failure, pool timeout),
    not a problem with this article's data."""
    if isinstance(err, OperationalError | InterfaceError | DisconnectionError | PoolTimeout):
        return True
    return isinstance(err, DBAPIError) and err.connection_invalidated


def _invalid_meta(data: Any, key: str) -> ArticleMeta:
    ident = (data.get("id") or data.get("url")) if isinstance(data, dict) else None
    return ArticleMeta(content_hash=key, external_id=storable(str(ident))[:512] if ident else None)


def _process_and_store(payload: ArticlePayload, meta: ArticleMeta, nlp: Language, ctx: Context) -> Outcome:
    started = time.perf_counter()
    result = process(raw_article(payload), nlp)
    pipeline_seconds = time.perf_counter() - started
    try:
        article_id = store(ctx.database_url, meta, result)
    except SQLAlchemyError as err:
        if is_transient(err):
            raise TransientFailure(f"database unavailable: {_describe(err)}") from err
        # The database refused this article's data (not an outage): record it, do not retry.
        return _fail(
            ctx,
            meta,
            "database_rejected",
            _describe(err),
            payload.model_dump(exclude_none=True),
            trace=traceback.format_exc(),
        )
    return Outcome("stored", article_id, pipeline_seconds=pipeline_seconds, result_status=result.status)


def _describe(err: SQLAlchemyError) -> str:
    orig = err.orig if isinstance(err, DBAPIError) else None
    return f"{type(orig or err).__name__}: {str(orig or err).strip()[:2000]}"


def _fail(
    ctx: Context,
    meta: ArticleMeta,
    reason: str,
    error: str,
    payload: Any,
    trace: str | None = None,
    deliveries: int = 1,
) -> Outcome:
    log.warning(
        "article failed",
        extra={"reason": reason, "error": error[:500], "task_id": ctx.task_id, "content_hash": meta.content_hash},
    )
    try:
        with session_scope(ctx.database_url) as session:
            recorded = record_failure(
                session,
                meta,
                reason=reason,
                error=storable(error),
                payload=failure_payload(payload, ctx.max_bytes),
                task_id=ctx.task_id,
                traceback=storable(trace) if trace else None,
                deliveries=deliveries,
            )
    except SQLAlchemyError as err:
        raise TransientFailure(f"database unavailable while recording a failure: {_describe(err)}") from err
    if recorded is None:
        return Outcome("stored", reason=f"already stored; this copy failed ({reason})")
    return Outcome("failed", reason=reason)
