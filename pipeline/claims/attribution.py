"""Attributions from scored rule candidates: best reading per cue, overlaps resolved by confidence."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.claims.candidates import Candidate, candidates
from pipeline.claims.features import cue_features, ranking_features, with_best_reading
from pipeline.claims.quotations import Quotation
from pipeline.claims.scorer import AttributionScorer
from pipeline.claims.tokens import DocTokens


@dataclass(frozen=True, slots=True)
class Attribution:
    """A kept candidate with the scorer's confidence."""

    candidate: Candidate
    probability: float


def _jaccard(a: Candidate, b: Candidate) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union if union else 0.0


def best_per_cue(
    doc: Doc, text: str, quotations: tuple[Quotation, ...], scorer: AttributionScorer, tokens: DocTokens | None = None
) -> list[Attribution]:
    quoted = tuple(q.inner for q in quotations)
    by_cue: dict[int, list[Candidate]] = {}
    for cand in candidates(doc, text, quotations, tokens):
        by_cue.setdefault(cand.cue, []).append(cand)
    kept: list[Attribution] = []
    for group in by_cue.values():
        cue_feats = cue_features(doc, text, group, quoted)
        if not scorer.may_pass(cue_feats):
            continue  # no reading could lift this cue over the threshold: skip ranking them
        readings = [ranking_features(doc, text, c, group, quoted) for c in group]
        best = max(range(len(group)), key=lambda k: scorer.content_score(readings[k])) if len(group) > 1 else 0
        p_cue = scorer.cue_probability(with_best_reading(cue_feats, readings[best]))
        if p_cue >= scorer.threshold:
            kept.append(Attribution(group[best], p_cue))
    return kept


def _inside(a: Candidate, b: Candidate) -> bool:
    return b.start <= a.start and a.end <= b.end


def resolve_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Keep the most confident of attributions sharing most of their content, and drop one whose
    content lies inside a more confident attribution's content."""
    kept: list[Attribution] = []
    for item in sorted(found, key=lambda a: -a.probability):
        if all(_jaccard(item.candidate, k.candidate) < 0.5 for k in kept):
            kept.append(item)
    return sorted(
        (
            a
            for a in kept
            if not any(b is not a and _inside(a.candidate, b.candidate) for b in kept if b.probability > a.probability)
        ),
        key=lambda a: a.candidate.start,
    )


def attributions(
    doc: Doc, text: str, quotations: tuple[Quotation, ...], scorer: AttributionScorer, tokens: DocTokens | None = None
) -> list[Attribution]:
    return resolve_overlaps(best_per_cue(doc, text, quotations, scorer, tokens))
