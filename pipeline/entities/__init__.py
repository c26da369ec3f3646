"""Entities stage: spaCy NER mentions, cleaned and merged under canonical names within the article."""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.entities.mentions import LABELS, mentions
from pipeline.entities.merge import Group, complete_mentions, group_mentions
from pipeline.models import Entity, Span

__all__ = ["LABELS", "extract_entities"]


def salience(group: Group, total: int, length: int) -> float:
    """Share of mentions, raised for things named early (news puts the subject in the lede)."""
    share = len(group.mentions) / max(1, total)
    first = group.mentions[0].start / max(1, length)
    return share * (1.5 if first < 0.1 else 1.0)


def extract_entities(doc: Doc, text: str | None = None) -> tuple[Entity, ...]:
    """`text`: doc.text when the caller has it (a Doc rebuilds its text on every access)."""
    text = doc.text if text is None else text
    groups = group_mentions(mentions(doc, text))
    complete_mentions(text, groups)
    total = sum(len(g.mentions) for g in groups)
    raw = [salience(g, total, len(text)) for g in groups]
    top = max(raw, default=1.0) or 1.0
    entities = [
        Entity(
            name=g.name,
            label=g.label(),
            mentions=tuple(Span(m.text, m.start, m.end) for m in g.mentions),
            salience=round(s / top, 4),
        )
        for g, s in zip(groups, raw, strict=True)
    ]
    return tuple(sorted(entities, key=lambda e: (-e.salience, e.mentions[0].start)))
