"""Quotes the cue scorer cannot see: `NAME:` transcript lines and quotations left without a cue."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, pairwise

from pipeline.claims.quotations import Quotation, trimmed
from pipeline.claims.speakers import MentionIndex
from pipeline.models import Quote, Span, Speaker

_TRANSCRIPT = re.compile(r"(?m)^[\"“]?([A-Z][A-Za-z.'’\- ]{1,40}?)(:)[ \t]+(\S[^\n]*)$")
_SIGNATURE = re.compile(r"[ \t]*([—―–-]{1,2})[ \t]*([A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4})")
_NEAR = 400
_JOIN_GAP = 150
_MIN_WORDS = 8


def _overlaps(start: int, end: int, quotes: list[Quote]) -> bool:
    return any(q.content.start < end and start < q.content.end for q in quotes)


def _speaker_entity(name: str, index: MentionIndex) -> str | None:
    """The first person named in the article whose last name is the last word of `name`."""
    words = name.replace(".", " ").split()
    if not words:
        return None
    return index.person_by_last_word.get(words[-1].lower())


def _jaccard(a: Span, b: Span) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    return inter / (max(a.end, b.end) - min(a.start, b.start) or 1)


def without_duplicates(quotes: list[Quote], preferred: list[Quote]) -> list[Quote]:
    """`quotes` minus those sharing most of their content (Jaccard >= 0.5) with a `preferred` one.
    Such a pair overlaps and neither is over twice the other's length: only `preferred` contents
    starting from two lengths before a quote's start to its end need a look."""
    spans = sorted((p.content.start, p.content.end) for p in preferred)
    starts = [s for s, _ in spans]
    kept = []
    for q in quotes:
        start, end = q.content.start, q.content.end
        lo = bisect.bisect_right(starts, start - 2 * (end - start) - 1)
        hi = bisect.bisect_left(starts, end)
        if all(_jaccard(q.content, Span("", s, e)) < 0.5 for s, e in spans[lo:hi]):
            kept.append(q)
    return kept


def signed_quotes(text: str, quotations: tuple[Quotation, ...], index: MentionIndex) -> list[Quote]:
    """A quotation signed after a dash: `"..." — Jane Doe`."""
    found: list[Quote] = []
    for q in quotations:
        m = _SIGNATURE.match(text, q.end)
        if m is None or not q.closed:
            continue
        start, end = q.inner
        while end > start and text[end - 1] in ",.;: \n":
            end -= 1
        name = m.group(2)
        speaker = Speaker(name, m.start(2), m.end(2), index.covering(m.start(2), m.end(2)))
        cue = Span(m.group(1), m.start(1), m.end(1))
        found.append(Quote("direct", Span(text[start:end], start, end), speaker, cue))
    return found


def transcript_quotes(text: str, quotes: list[Quote], index: MentionIndex) -> list[Quote]:
    """Paragraphs like `PENCE: Well, look, ...` in interview transcripts, and headlines that name
    their source the same way (`Poll: Clinton and Trump Tied in Ohio`)."""
    found: list[Quote] = []
    for m in _TRANSCRIPT.finditer(text):
        name = m.group(1).strip()
        if len(name.split()) > 4:
            continue
        if not (name.isupper() or _speaker_entity(name, index) or _headline_source(name, m.group(3))):
            continue
        start, end = m.start(3), m.end(3)
        if _overlaps(start, end, quotes):
            continue
        speaker = Speaker(name, m.start(1), m.start(1) + len(name), _speaker_entity(name, index))
        found.append(Quote("direct", Span(text[start:end], start, end), speaker, Span(":", m.start(2), m.end(2))))
    return found


# Labels a scraped page puts before a colon that name no source
_LABELS = frozenset(
    {
        "related",
        "read",
        "watch",
        "see",
        "photo",
        "photos",
        "video",
        "videos",
        "update",
        "updated",
        "note",
        "editor",
        "editor's",
        "source",
        "credit",
        "click",
        "more",
        "also",
        "advertisement",
        "listen",
        "subscribe",
        "follow",
        "share",
        "tags",
        "tag",
        "topics",
        "filed",
        "posted",
        "published",
        "image",
        "caption",
        "correction",
        "disclaimer",
        "warning",
        "breaking",
        "exclusive",
        "opinion",
        "analysis",
        "live",
        "trending",
        "recommended",
        "sponsored",
        "previously",
        "story",
        "wait",
        "but",
        "and",
        "so",
        "q",
        "a",
        "question",
        "answer",
        "comment",
        "comments",
        "reply",
        "email",
        "print",
        "contact",
        "sign",
    }
)
_HEADLINE_WORDS = re.compile(r"[A-Za-z][\w’'-]*")
_HEADLINE_MAX_WORDS = 30


def _headline_source(name: str, line: str) -> bool:
    """True for `Name: Headline In Title Case` (or a quoted headline): a few capitalised words that
    are no page label, then a short line whose longer words are mostly capitalised."""
    words = name.split()
    if not all(w[0].isupper() for w in words) or any(w.lower().strip(".") in _LABELS for w in words):
        return False
    found = _HEADLINE_WORDS.findall(line)
    if not found or len(found) > _HEADLINE_MAX_WORDS:
        return False
    if line[:1] in "‘'\"“":
        return True
    longer = [w for w in found if len(w) > 3]
    return bool(longer) and sum(w[0].isupper() for w in longer) >= 0.75 * len(longer)


class _Covered:
    """Character spans (in any order, overlapping or not) asked whether they overlap a range."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        spans = sorted(spans)
        self.starts = [s for s, _ in spans]
        self.reach = list(accumulate((e for _, e in spans), max))  # furthest end among spans[: k + 1]

    def overlaps(self, start: int, end: int) -> bool:
        k = bisect.bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start


def _is_speech(text: str) -> bool:
    """Long enough and sentence-like: not a scare quote, a title or a slogan."""
    words = text.split()
    if len(words) < _MIN_WORDS:
        return False
    capitalised = sum(w[:1].isupper() for w in words)
    return capitalised < 0.7 * len(words)


def _named_nearby(text: str, start: int, end: int, index: MentionIndex) -> Speaker | None:
    """The person or organisation named nearest the quotation, outside it, in its paragraph."""
    para_start = text.rfind("\n\n", 0, start) + 1
    para_end = text.find("\n\n", end)
    para_end = len(text) if para_end < 0 else para_end
    lo = bisect.bisect_left(index.starts, para_start)
    hi = bisect.bisect_right(index.starts, para_end)
    near = [
        m
        for m in index.mentions[lo:hi]
        if m[3] in ("PERSON", "ORG") and m[1] <= para_end and (m[1] <= start or m[0] >= end)
    ]
    if not near:
        return None
    s, e, name, _ = min(near, key=lambda m: start - m[1] if m[1] <= start else m[0] - end)
    return Speaker(text[s:e], s, e, name)


def orphan_quotes(
    text: str, quotations: tuple[Quotation, ...], quotes: list[Quote], index: MentionIndex
) -> list[Quote]:
    """A quotation no attribution covers goes to the person named next to it in its paragraph,
    else to the speaker of the nearest quote before it."""
    found: list[Quote] = []
    taken = _Covered([(p.content.start, p.content.end) for p in quotes])
    # the quotes with a speaker by content end; among equal ends the first in `quotes` last
    spoken = sorted(((p.content.end, -k, p) for k, p in enumerate(quotes) if p.speaker), key=lambda t: t[:2])
    spoken_ends = [t[0] for t in spoken]
    for q in quotations:
        start, end = q.inner
        while end > start and text[end - 1] in ",.;: \n":
            end -= 1
        if end <= start or taken.overlaps(start, end) or not _is_speech(text[start:end]):
            continue
        speaker = _named_nearby(text, q.start, q.end, index)
        k = bisect.bisect_right(spoken_ends, start)  # the nearest quote ending before this one
        if speaker is None and k and start - spoken_ends[k - 1] < _NEAR:
            speaker = spoken[k - 1][2].speaker
        if speaker is None:
            continue
        found.append(Quote("direct", Span(text[start:end], start, end), speaker, None))
    return found


def join_continuations(text: str, quotes: list[Quote]) -> list[Quote]:
    """`"A," she said. "B."` — a cue-less quotation right after an attributed one in the same
    paragraph continues it: the two become one content, as split quotes are annotated."""
    joined: list[Quote] = []
    for quote in sorted(quotes, key=lambda q: q.content.start):
        prev = joined[-1] if joined else None
        between = text[prev.content.end : quote.content.start] if prev is not None else ""
        if (
            prev is not None
            and quote.cue is None
            and prev.cue is not None
            and prev.style == "direct"
            and 0 <= len(between) <= _JOIN_GAP
            and "\n" not in between
        ):
            start, end = prev.content.start, quote.content.end
            joined[-1] = Quote(prev.style, Span(text[start:end], start, end), prev.speaker, prev.cue)
            continue
        joined.append(quote)
    return joined


def split_quote(text: str, quote: Quote, quotations: tuple[Quotation, ...]) -> tuple[Quote, list[Quote]]:
    """A split quote (`"A," she said, "B."`) as slices of the text. Its content is the quotations'
    insides without the attribution between them, which no single slice is: the whole span carries
    the speaker clause (or a whole narrative sentence) too. Kept as one quote: the run of
    consecutive quotations whose inside characters, over all the inside characters plus the
    other characters the run takes in, are the most (the character Jaccard the slice has with
    the quoted words); the quotations outside that run become quotes of their own, with the same
    speaker and cue. Returns the kept quote and those others. Only quotes whose cue lies between
    two of their quotations are split ones; any other quote comes back unchanged, alone."""
    cue, content = quote.cue, quote.content
    if cue is None or not (content.start <= cue.start and cue.end <= content.end):
        return quote, []
    lo = bisect.bisect_left(quotations, content.start, key=lambda q: q.inner[0])
    inners = []
    for q in quotations[lo:]:
        start, end = q.inner
        if start >= content.end:
            break
        start, end = trimmed(text, start, min(end, content.end))
        if end > start:
            inners.append((start, end))
    if len(inners) < 2 or not any(a[1] <= cue.start and cue.end <= b[0] for a, b in pairwise(inners)):
        return quote, []
    quoted = sum(end - start for start, end in inners)
    best, best_score = (0, len(inners) - 1), -1.0
    for i, first in enumerate(inners):
        inside = 0
        for j in range(i, len(inners)):
            inside += inners[j][1] - inners[j][0]
            score = inside / (quoted + inners[j][1] - first[0] - inside)
            if score > best_score:
                best, best_score = (i, j), score
    first_kept, last_kept = best
    start, end = inners[first_kept][0], inners[last_kept][1]
    kept = Quote(quote.style, Span(text[start:end], start, end), quote.speaker, quote.cue)
    others = [
        Quote("direct", Span(text[start:end], start, end), quote.speaker, quote.cue)
        for k, (start, end) in enumerate(inners)
        if not first_kept <= k <= last_kept
    ]
    return kept, others


def split_quotes(text: str, quotes: list[Quote], quotations: tuple[Quotation, ...]) -> list[Quote]:
    """`split_quote` over `quotes`. A cut-off quotation is kept as a quote of its own when, like an
    orphan quotation, it has `_MIN_WORDS` words or more (a shorter one is mostly a phrase quoted
    inside another attribution) and no other quote covers it already."""
    kept: list[Quote] = []
    others: list[Quote] = []
    for quote in quotes:
        one, more = split_quote(text, quote, quotations)
        kept.append(one)
        others += more
    alone = [
        q
        for q in others
        if len(q.content.text.split()) >= _MIN_WORDS and not _overlaps(q.content.start, q.content.end, kept)
    ]
    return sorted(kept + alone, key=lambda q: q.content.start)
