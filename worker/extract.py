"""`newsworker extract`: the pipeline with no queue and no database, one JSON record per input."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from spacy.language import Language

from pipeline.process import process
from pipeline.record import to_record
from tasks.contract import validate_payload
from tasks.errors import InvalidArticle
from tasks.feeds import FeedItem
from tasks.handler import raw_article

log = logging.getLogger(__name__)


def failed_record(item: FeedItem, error: str) -> dict[str, Any]:
    ident = (item.payload or {}).get("id") if isinstance(item.payload, dict) else None
    return {
        "id": ident,
        "title": None,
        "text": "",
        "captions": [],
        "language": None,
        "status": "failed",
        "error": error,
        "entities": [],
        "claims": [],
    }


def extract_records(items: Iterable[FeedItem], nlp: Language, max_bytes: int) -> Iterator[dict[str, Any]]:
    """One record per input item, in order; an unusable input yields a record saying why."""
    for item in items:
        if item.payload is None:
            yield failed_record(item, item.error or "unreadable input")
            continue
        try:
            payload = validate_payload(item.payload, max_bytes)
        except InvalidArticle as err:
            yield failed_record(item, str(err))
            continue
        try:
            yield to_record(process(raw_article(payload), nlp))
        except Exception as err:  # one article's bug must not cost the rest of the batch
            log.exception("extract failed", extra={"origin": item.origin})
            yield failed_record(item, f"{type(err).__name__}: {err}")


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
