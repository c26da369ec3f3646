"""Attributions from scored rule candidates: best reading per cue, overlaps resolved by confidence."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.claims.candidates import Candidate, candidates
from pipeline.claims.features import (
    QuotedSpans,
    cue_facts,
    cue_features,
    group_facts,
    ranking_features,
    with_best_reading,
)
from pipeline.claims.quotations import Quotation
from pipeline.claims.scorer import AttributionScorer
from pipeline.claims.tokens import DocTokens


@dataclass(frozen=True, slots=True)
class Attribution:
    """A kept candidate with the scorer's confidence."""

    candidate: Candidate
    probability: float


def best_per_cue(
    doc: Doc, text: str, quotations: tuple[Quotation, ...], scorer: AttributionScorer, tokens: DocTokens | None = None
) -> list[Attribution]:
    tokens = DocTokens.of(doc) if tokens is None else tokens
    quoted = QuotedSpans([q.inner for q in quotations])
    by_cue: dict[int, list[Candidate]] = {}
    for cand in candidates(doc, text, quotations, tokens):
        by_cue.setdefault(cand.cue, []).append(cand)
    kept: list[Attribution] = []
    for group in by_cue.values():
        cue_feats = cue_features(tokens, text, group, quoted)
        if not scorer.may_pass(cue_feats):
            continue  # no reading could lift this cue over the threshold: skip ranking them
        facts, gfacts = cue_facts(tokens, group[0], quoted), group_facts(group)
        readings = [ranking_features(tokens, text, c, group, quoted, facts, gfacts) for c in group]
        best = max(range(len(group)), key=lambda k: scorer.content_score(readings[k])) if len(group) > 1 else 0
        p_cue = scorer.cue_probability(with_best_reading(cue_feats, readings[best]))
        if p_cue >= scorer.threshold:
            kept.append(Attribution(group[best], p_cue))
    return kept


def resolve_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Keep the most confident of attributions sharing most of their content (character Jaccard
    >= 0.5), and drop one whose content lies inside a more confident attribution's content."""
    kept: list[Attribution] = []
    for item in sorted(found, key=lambda a: -a.probability):
        start, end = item.candidate.start, item.candidate.end
        for other in kept:
            o_start, o_end = other.candidate.start, other.candidate.end
            inter = min(end, o_end) - max(start, o_start)
            if inter > 0 and inter / (max(end, o_end) - min(start, o_start)) >= 0.5:
                break
        else:
            kept.append(item)
    inside_none = []
    for k, item in enumerate(kept):  # kept runs from most to least confident
        start, end, p = item.candidate.start, item.candidate.end, item.probability
        if not any(b.probability > p and b.candidate.start <= start and end <= b.candidate.end for b in kept[:k]):
            inside_none.append(item)
    return sorted(inside_none, key=lambda a: a.candidate.start)


def attributions(
    doc: Doc, text: str, quotations: tuple[Quotation, ...], scorer: AttributionScorer, tokens: DocTokens | None = None
) -> list[Attribution]:
    return resolve_overlaps(best_per_cue(doc, text, quotations, scorer, tokens))
