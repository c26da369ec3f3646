"""Entities stage: spaCy NER mentions merged under canonical names (v1: exact text)."""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from pipeline.models import Entity, Span

LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})


def extract_entities(doc: Doc) -> tuple[Entity, ...]:
    groups: dict[tuple[str, str], list[Span]] = defaultdict(list)
    for ent in doc.ents:
        if ent.label_ in LABELS:
            groups[(ent.text, ent.label_)].append(Span(ent.text, ent.start_char, ent.end_char))
    total = sum(len(m) for m in groups.values()) or 1
    return tuple(
        Entity(name=name, label=label, mentions=tuple(mentions), salience=len(mentions) / total)
        for (name, label), mentions in groups.items()
    )
