"""Factual claims: sentences outside any quote that state something a fact-checker could verify."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from itertools import accumulate

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from pipeline.claims.tokens import DocTokens
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
    return _score(
        labels,
        bool(words & CAUSAL),
        bool(words & OPINION),
        any(coarse_pos(t) == "VERB" and t.tag_ in _FINITE_TAGS for t in sent),
        any(coarse_pos(t) == "PRON" and t.lower_ in FIRST_SECOND for t in sent),
        sent.text,
        len(sent),
    )


_FINITE_TAGS = ("VBD", "VBN", "VBZ", "VBP")


def _score(
    labels: list[str], causal: bool, opinion: bool, verb: bool, first_second: bool, text: str, n_tokens: int
) -> float:
    score = 0.1
    score += 0.3 if any(label in NUMERIC for label in labels) else 0.0
    score += 0.15 if "DATE" in labels else 0.0
    score += min(0.2, 0.07 * sum(label in NAMED for label in labels))
    score += 0.15 if causal else 0.0
    score += 0.1 if verb else 0.0
    if text.rstrip().endswith("?"):
        score -= 0.5
    score -= 0.25 if opinion else 0.0
    score -= 0.2 if first_second else 0.0
    score -= 0.3 if n_tokens < 6 else 0.0
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


def factual_claims(
    doc: Doc, quotes: list[Quote], tokens: DocTokens | None = None, text: str | None = None
) -> list[FactualClaim]:
    """Check-worthy sentences (`check_worthiness` over the token table) that no quote touches."""
    tokens = DocTokens.of(doc, text) if tokens is None else tokens
    text = tokens.text
    ents = [(e.start, e.end, e.label_) for e in doc.ents]
    ent_starts = [e[0] for e in ents]
    lowers, tags, pos = tokens.lowers, tokens.tags, tokens.pos
    # per-token facts as running counts: a sentence [start, end) has one if counts differ
    quote_marks = _counts(t in '"“”' for t in tokens.texts)
    verbs = _counts(p == "VERB" and t in _FINITE_TAGS for p, t in zip(pos, tags, strict=True))
    persons = _counts(p == "PRON" and w in FIRST_SECOND for p, w in zip(pos, lowers, strict=True))
    causal = _counts(w in CAUSAL for w in lowers)
    opinion = _counts(w in OPINION for w in lowers)
    spans = sorted((q.content.start, q.content.end) for q in quotes)
    quote_starts = [s for s, _ in spans]
    reach = list(accumulate((e for _, e in spans), max))  # reach[k]: the furthest end among spans[: k + 1]
    found: list[FactualClaim] = []
    for start, end in tokens.sentence_bounds:
        start_char, end_char = tokens.idx[start], tokens.end_char(end - 1)
        k = bisect.bisect_left(quote_starts, end_char)  # the quotes starting before the sentence ends
        if k and reach[k - 1] > start_char:  # ... one of which ends after it starts
            continue
        if quote_marks[end] > quote_marks[start]:
            continue
        labels = []
        for k in range(bisect.bisect_left(ent_starts, start), len(ents)):
            if ents[k][0] >= end:
                break
            if ents[k][1] <= end:
                labels.append(ents[k][2])
        sent_text = text[start_char:end_char]
        score = _score(
            labels,
            causal[end] > causal[start],
            opinion[end] > opinion[start],
            verbs[end] > verbs[start],
            persons[end] > persons[start],
            sent_text,
            end - start,
        )
        if score >= MIN_SCORE:
            kept = sent_text.rstrip()
            found.append(FactualClaim(Span(kept, start_char, start_char + len(kept)), score))
    return found


def _counts(flags: Iterable[bool]) -> list[int]:
    return list(accumulate(flags, initial=0))
