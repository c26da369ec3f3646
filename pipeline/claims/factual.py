"""Factual claims: sentences outside any quote that state something a fact-checker could verify."""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from pipeline.lemma import coarse_pos
from pipeline.models import FactualClaim, Quote, Span

NUMERIC = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
NAMED = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW"})
CAUSAL = frozenset(
    [
        "cause",
        "caused",
        "causes",
        "led",
        "lead",
        "leads",
        "result",
        "resulted",
        "because",
        "due",
        "toppled",
        "killed",
        "kill",
        "increase",
        "increased",
        "decrease",
        "decreased",
        "rise",
        "rose",
        "fall",
        "fell",
        "doubled",
        "tripled",
        "more",
        "less",
        "than",
        "most",
        "fewer",
        "higher",
        "lower",
    ]
)
OPINION = frozenset(
    ["should", "must", "think", "believe", "feel", "hope", "perhaps", "maybe", "probably", "seem", "seems", "clearly"]
)
FIRST_SECOND = frozenset({"i", "we", "you", "me", "us", "my", "our", "your"})
MIN_SCORE = 0.5


def check_worthiness(sent: SpacySpan, ents: Sequence[SpacySpan] | None = None) -> float:
    """A 0–1 score from what the sentence contains: numbers, dates, names, causal or comparative
    words raise it; questions, opinion markers and first/second person lower it. `ents`: the doc's
    entities, read once per doc (`sent.ents` rebuilds them all for every sentence)."""
    labels = [e.label_ for e in (sent.ents if ents is None else _within(ents, sent))]
    words = {t.lower_ for t in sent}
    score = 0.1
    score += 0.3 if any(label in NUMERIC for label in labels) else 0.0
    score += 0.15 if "DATE" in labels else 0.0
    score += min(0.2, 0.07 * sum(label in NAMED for label in labels))
    score += 0.15 if words & CAUSAL else 0.0
    score += 0.1 if any(coarse_pos(t) == "VERB" and t.tag_ in ("VBD", "VBN", "VBZ", "VBP") for t in sent) else 0.0
    if sent.text.rstrip().endswith("?"):
        score -= 0.5
    score -= 0.25 if words & OPINION else 0.0
    score -= 0.2 if any(coarse_pos(t) == "PRON" and t.lower_ in FIRST_SECOND for t in sent) else 0.0
    score -= 0.3 if len(sent) < 6 else 0.0
    return round(max(0.0, min(1.0, score)), 4)


def _within(ents: Sequence[SpacySpan], sent: SpacySpan) -> list[SpacySpan]:
    first = bisect.bisect_left(ents, sent.start, key=lambda e: e.start)
    inside = []
    for ent in ents[first:]:
        if ent.start >= sent.end:
            break
        if ent.end <= sent.end:
            inside.append(ent)
    return inside


def factual_claims(doc: Doc, quotes: list[Quote]) -> list[FactualClaim]:
    found: list[FactualClaim] = []
    ents = doc.ents
    for sent in doc.sents:
        if any(q.content.start < sent.end_char and sent.start_char < q.content.end for q in quotes):
            continue
        if any(t.text in '"“”' for t in sent):
            continue
        score = check_worthiness(sent, ents)
        if score >= MIN_SCORE:
            text = sent.text.rstrip()
            found.append(FactualClaim(Span(text, sent.start_char, sent.start_char + len(text)), score))
    return found
