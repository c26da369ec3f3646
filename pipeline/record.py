"""The JSON record every consumer and scorer reads (shared/README's contract)."""

from __future__ import annotations

from typing import Any

from pipeline.models import ArticleResult, Claim, Entity, FactualClaim, Span, Speaker


def span_record(span: Span) -> dict[str, Any]:
    return {"text": span.text, "start": span.start, "end": span.end}


def speaker_record(speaker: Speaker | None) -> dict[str, Any] | None:
    if speaker is None:
        return None
    return {"text": speaker.text, "start": speaker.start, "end": speaker.end, "entity": speaker.entity}


def entity_record(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "label": entity.label,
        "salience": round(entity.salience, 4),
        "mentions": [span_record(m) for m in entity.mentions],
    }


def claim_record(claim: Claim) -> dict[str, Any]:
    if isinstance(claim, FactualClaim):
        return {"kind": "factual", "content": span_record(claim.content), "score": round(claim.score, 4)}
    return {
        "kind": "quote",
        "style": claim.style,
        "content": span_record(claim.content),
        "speaker": speaker_record(claim.speaker),
        "cue": span_record(claim.cue) if claim.cue is not None else None,
    }


def to_record(result: ArticleResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "title": result.title,
        "text": result.text,
        "captions": list(result.captions),
        "language": result.language,
        "status": result.status,
        "entities": [entity_record(e) for e in result.entities],
        "claims": [claim_record(c) for c in result.claims],
    }
