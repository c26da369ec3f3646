"""Attributions from scored rule candidates: best reading per cue, overlaps resolved by confidence."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc

from pipeline.claims.candidates import Candidate, candidates
from pipeline.claims.features import (
    cue_facts,
    cue_features,
    group_facts,
    ranking_features,
    with_best_reading,
)
from pipeline.claims.quotations import Quotation, QuotedSpans
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
        if not scorer.may_pass(cue_feats, {c.option for c in group}):
            continue  # no reading could lift this cue over the threshold: skip ranking them
        facts, gfacts = cue_facts(tokens, group[0], quoted), group_facts(group)
        readings = [ranking_features(tokens, text, c, group, quoted, facts, gfacts) for c in group]
        if len(group) > 1:
            scores = [scorer.content_score(r) for r in readings]
            best = scores.index(max(scores))  # the first of the best, as max(range, key=...) gives
        else:
            best = 0
        p_cue = scorer.cue_probability(with_best_reading(cue_feats, readings[best]))
        if p_cue >= scorer.threshold:
            kept.append(Attribution(group[best], p_cue))
    return kept


def resolve_overlaps(found: list[Attribution]) -> list[Attribution]:
    """Keep the most confident of attributions sharing most of their content (character Jaccard
    >= 0.5), and drop one whose content lies inside a more confident attribution's content."""
    kept = _without_near_duplicates(sorted(found, key=lambda a: -a.probability))
    return sorted(_without_nested(kept), key=lambda a: a.candidate.start)


def _without_near_duplicates(ranked: list[Attribution]) -> list[Attribution]:
    """`ranked` (most confident first) minus each item with Jaccard >= 0.5 to one kept before it.
    Such a pair overlaps and neither is over twice the other's length, so only kept contents
    starting within two lengths before the item's start need a look."""
    kept: list[Attribution] = []
    starts: list[int] = []  # kept contents' starts, sorted, and the kept items in that order
    by_start: list[Attribution] = []
    for item in ranked:
        start, end = item.candidate.start, item.candidate.end
        lo = bisect.bisect_right(starts, start - 2 * (end - start))
        hi = bisect.bisect_left(starts, end)
        for other in by_start[lo:hi]:
            o_start, o_end = other.candidate.start, other.candidate.end
            inter = min(end, o_end) - max(start, o_start)
            if inter > 0 and inter / (max(end, o_end) - min(start, o_start)) >= 0.5:
                break
        else:
            kept.append(item)
            at = bisect.bisect_right(starts, start)
            starts.insert(at, start)
            by_start.insert(at, item)
    return kept


def _without_nested(kept: list[Attribution]) -> list[Attribution]:
    """`kept` (most confident first) minus each item whose content lies inside the content of a
    strictly more confident one: a prefix-maximum tree of content ends over content starts."""
    starts = sorted({a.candidate.start for a in kept})
    tree = [-1] * (len(starts) + 1)  # Fenwick tree: the largest end among inserted starts
    out: list[Attribution] = []
    i = 0
    while i < len(kept):
        j = i
        while j < len(kept) and kept[j].probability == kept[i].probability:
            j += 1
        for item in kept[i:j]:  # equally confident items do not drop each other
            k, best = bisect.bisect_right(starts, item.candidate.start), -1
            while k > 0:
                best = max(best, tree[k])
                k -= k & -k
            if best < item.candidate.end:
                out.append(item)
        for item in kept[i:j]:
            k = bisect.bisect_right(starts, item.candidate.start)
            while k < len(tree):
                tree[k] = max(tree[k], item.candidate.end)
                k += k & -k
        i = j
    return out


def attributions(
    doc: Doc, text: str, quotations: tuple[Quotation, ...], scorer: AttributionScorer, tokens: DocTokens | None = None
) -> list[Attribution]:
    return resolve_overlaps(best_per_cue(doc, text, quotations, scorer, tokens))
