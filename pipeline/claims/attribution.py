"""Attributions from scored rule candidates: best reading per cue, overlaps resolved by confidence."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.claims.candidates import Candidate, candidates
from pipeline.claims.features import features
from pipeline.claims.quotations import Quotation
from pipeline.claims.scorer import AttributionScorer


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
    doc: Doc, text: str, quotations: tuple[Quotation, ...], scorer: AttributionScorer
) -> list[Attribution]:
    quoted = tuple(q.inner for q in quotations)
    best: dict[int, Attribution] = {}
    for cand in candidates(doc, text, quotations):
        p = scorer.probability(features(doc, text, cand, quoted))
        current = best.get(cand.cue)
        if current is None or p > current.probability:
            best[cand.cue] = Attribution(cand, p)
    return [a for a in best.values() if a.probability >= scorer.threshold]


def resolve_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Keep the most confident of attributions sharing most of their content."""
    kept: list[Attribution] = []
    for item in sorted(found, key=lambda a: -a.probability):
        if all(_jaccard(item.candidate, k.candidate) < 0.5 for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda a: a.candidate.start)


def attributions(
    doc: Doc, text: str, quotations: tuple[Quotation, ...], scorer: AttributionScorer
) -> list[Attribution]:
    return resolve_overlaps(best_per_cue(doc, text, quotations, scorer))
