"""Stored rows back to the shared record shape, for downstream consumers (`newsworker export`)."""

from __future__ import annotations

from typing import Any

from storage.models import Article, ClaimRow


def _span(text: str | None, start: int | None, end: int | None) -> dict[str, Any] | None:
    if text is None or start is None or end is None:
        return None
    return {"text": text, "start": start, "end": end}


def claim_record(row: ClaimRow) -> dict[str, Any]:
    content = _span(row.content_text, row.content_start, row.content_end)
    if row.kind == "factual":
        return {"kind": "factual", "content": content, "score": row.score}
    speaker = _span(row.speaker_text, row.speaker_start, row.speaker_end)
    if speaker is not None:
        speaker["entity"] = row.speaker_entity
    return {
        "kind": row.kind,
        "style": row.style,
        "content": content,
        "speaker": speaker,
        "cue": _span(row.cue_text, row.cue_start, row.cue_end),
    }


def article_record(article: Article) -> dict[str, Any]:
    return {
        "cursor": article.id,
        "id": article.external_id,
        "url": article.url,
        "title": article.title,
        "text": article.text,
        "captions": list(article.captions or []),
        "language": article.language,
        "status": article.status,
        "pipeline_version": article.pipeline_version,
        "content_hash": article.content_hash,
        "duplicate_of": article.duplicate_of,
        "published": article.published,
        "updated_at": article.updated_at.isoformat() if article.updated_at else None,
        "entities": [
            {"name": e.name, "label": e.label, "salience": e.salience, "mentions": e.mentions} for e in article.entities
        ],
        "claims": [claim_record(c) for c in article.claims],
    }
