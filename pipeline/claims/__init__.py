"""Claims stage: attributed quotes (who said what) and check-worthy factual statements."""

from __future__ import annotations

import bisect

from spacy.tokens import Doc

from pipeline.claims.attribution import Attribution, attributions
from pipeline.claims.factual import factual_claims
from pipeline.claims.orphans import (
    join_continuations,
    orphan_quotes,
    signed_quotes,
    split_quotes,
    transcript_quotes,
    without_duplicates,
)
from pipeline.claims.quotations import Quotation, QuotedSpans, find_quotations
from pipeline.claims.scorer import AttributionScorer, load_scorer
from pipeline.claims.speakers import MentionIndex, build_index, resolve
from pipeline.claims.syntax import stray_subject
from pipeline.claims.tokens import DocTokens
from pipeline.models import Claim, Entity, Quote, QuoteStyle, Span

__all__ = ["extract_claims"]


def extract_claims(
    doc: Doc, entities: tuple[Entity, ...], text: str | None = None, scorer: AttributionScorer | None = None
) -> tuple[Claim, ...]:
    """Quotes first (rule candidates kept by the learned scorer, then unclaimed quotations),
    then factual claims from the sentences no quote covers. Needs a parsed doc (else returns ()).
    `text`: doc.text when the caller has it; `scorer`: another than the shipped one (cross-validation)."""
    if not doc.has_annotation("DEP"):
        return ()
    text = doc.text if text is None else text  # a Doc rebuilds its text on every access: read it once
    quotations = find_quotations(text)
    tokens = DocTokens.of(doc, text)
    index = build_index(doc, text, entities, tokens)
    ruled = transcript_quotes(text, [], index)
    ruled += signed_quotes(text, quotations, index)
    found = attributions(doc, text, quotations, scorer or load_scorer(), tokens)
    inner = QuotedSpans([q.inner for q in quotations])
    quotes = ruled + without_duplicates([_quote(tokens, a, quotations, inner, index) for a in found], ruled)
    quotes += orphan_quotes(text, quotations, quotes, index)
    quotes = join_continuations(text, quotes)
    sliced = split_quotes(text, quotes, quotations)  # factual claims still skip the joined spans' sentences
    return (*sliced, *factual_claims(doc, quotes, tokens, text))


def style_of(start: int, end: int, quotations: tuple[Quotation, ...], inner: QuotedSpans | None = None) -> QuoteStyle:
    """direct: the content lies inside one quotation; mixed: a quotation starts in it; else indirect.
    `inner`: QuotedSpans of the quotations' insides, when the caller has it."""
    inner = QuotedSpans([q.inner for q in quotations]) if inner is None else inner
    if inner.within(start + 1, end - 1):
        return "direct"
    k = bisect.bisect_left(quotations, start, key=lambda q: q.start)
    if k < len(quotations) and quotations[k].start < end:
        return "mixed"
    return "indirect"


def _quote(
    tokens: DocTokens, found: Attribution, quotations: tuple[Quotation, ...], inner: QuotedSpans, index: MentionIndex
) -> Quote:
    cand = found.candidate
    text = tokens.text
    cue_start, cue_end = tokens.idx[cand.cue], tokens.end_char(cand.cue_end - 1)
    source = cand.source
    if source is not None and inner.covers(tokens.idx[source]) and not inner.covers(cue_start):
        source = None  # a subject inside a quotation the cue stands outside of: the parse went wrong
    if source is None:  # the parse gave the cue no subject: a subject or name near it, outside the quote
        source = stray_subject(tokens, cand.cue, lambda at: not (cand.start <= at < cand.end or inner.covers(at)))
    return Quote(
        style=style_of(cand.start, cand.end, quotations, inner),
        content=Span(text[cand.start : cand.end], cand.start, cand.end),
        speaker=resolve(tokens.doc, source, index, tokens),
        cue=Span(text[cue_start:cue_end], cue_start, cue_end),
    )
