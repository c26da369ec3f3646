"""Rule candidates for attributions: a cue token and the content spans its parse could govern."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import NamedTuple

from spacy.tokens import Doc

from pipeline.claims.quotations import Quotation, trimmed
from pipeline.claims.syntax import subject_of, trim
from pipeline.claims.tokens import CLAUSE_PUNCT, SENTENCE_END, DocTokens
from pipeline.entities.names import TITLES

_PREP_CONTENT = frozenset({"about", "of", "on", "for", "against", "to", "over", "with"})
_GAP_CHARS = 80
_SPLIT_GAP_CHARS = 160
_CLAUSE_BREAKS = CLAUSE_PUNCT - {"―", "-"}  # a hyphen or horizontal bar rarely opens a trailing clause
_CLAUSE_STARTERS = frozenset(
    [
        "while",
        "although",
        "though",
        "but",
        "and",
        "as",
        "which",
        "who",
        "despite",
        "because",
        "after",
        "before",
        "even",
        "including",
        "according",
        "since",
        "when",
        "where",
        "whereas",
        "unless",
        "until",
    ]
)


class Candidate(NamedTuple):
    """One reading of a possible attribution: `cue` token governs content chars [start, end)."""

    cue: int
    cue_end: int
    option: str
    start: int
    end: int
    source: int | None
    has_verb: bool = True


def candidates(
    doc: Doc, text: str, quotations: tuple[Quotation, ...], tokens: DocTokens | None = None
) -> Iterator[Candidate]:
    tokens = DocTokens.of(doc) if tokens is None else tokens
    breaks = _clause_breaks(tokens)
    lowers, deps = tokens.lowers, tokens.deps
    marks = _QuotationIndex(quotations)
    for i, pos in enumerate(tokens.pos):
        if lowers[i] == "according" and i + 1 < len(lowers) and lowers[i + 1] == "to":
            yield from _according(tokens, i)
        elif pos == "VERB" or (pos == "AUX" and deps[i] == "ROOT"):
            yield from _verb_candidates(tokens, breaks, text, i, marks)
        elif pos == "NOUN":
            yield from _noun_candidates(tokens, i)


class _QuotationIndex:
    """The quotations in text order (they never overlap), with their starts and ends for bisecting."""

    __slots__ = ("ends", "quotations", "starts")

    def __init__(self, quotations: tuple[Quotation, ...]) -> None:
        self.quotations = quotations
        self.starts = [q.start for q in quotations]
        self.ends = [q.end for q in quotations]

    def last_ending_by(self, offset: int) -> Quotation | None:
        k = bisect.bisect_right(self.ends, offset)
        return self.quotations[k - 1] if k else None

    def first_starting_at(self, offset: int) -> Quotation | None:
        k = bisect.bisect_left(self.starts, offset)
        return self.quotations[k] if k < len(self.quotations) else None


def _clause_breaks(tokens: DocTokens) -> list[int]:
    """Positions of a comma, semicolon or dash followed by a trailing clause (", adding", ", while")."""
    texts, tags, lowers = tokens.texts, tokens.tags, tokens.lowers
    return [
        k
        for k in range(len(texts) - 1)
        if texts[k] in _CLAUSE_BREAKS
        and (tags[k + 1] in ("VBG", "VBN", "WDT", "WP") or lowers[k + 1] in _CLAUSE_STARTERS)
    ]


def _noun_candidates(tokens: DocTokens, noun: int) -> Iterator[Candidate]:
    """Nominal cues: "his criticism of the plan", "the claim that ...", "a call to act"."""
    deps, lowers = tokens.deps, tokens.lowers
    spans: list[tuple[str, int, int]] = []
    for child in tokens.children[noun]:
        if child < noun:
            continue
        if deps[child] == "prep" and lowers[child] in _PREP_CONTENT:
            spans.extend(("noun_" + option, start, end) for option, start, end in _prep_spans(tokens, child))
        elif deps[child] in ("acl", "ccomp", "relcl") and lowers[tokens.left_edge(child)] in ("that", "to"):
            spans.append(("noun_clause", tokens.left_edge(child), tokens.right_edge(child) + 1))
    if not spans:
        return
    source = next((c for c in tokens.children[noun] if deps[c] == "poss"), None)
    head = tokens.heads[noun]
    if source is None and deps[noun] in ("dobj", "attr") and tokens.pos[head] in ("VERB", "AUX"):
        source = subject_of(tokens, head)
    for option, start, end in spans:
        made = _make(tokens, noun, option, start, end, source)
        if made is not None:
            yield made


def _make(
    tokens: DocTokens, cue: int, option: str, start: int, end: int, source: int | None, cue_end: int = -1
) -> Candidate | None:
    """`cue_end`: `_cue_end(tokens, cue)` when the caller has it."""
    start, end = trim(tokens, start, end)
    if end <= start or (start <= cue < end and option != "left"):
        return None
    if end - start == 1 and tokens.tags[start] in ("WDT", "WP", "EX"):
        return None  # a bare relative pronoun is not a content
    has_verb = tokens.has_verb(start, end)
    start_char, end_char = tokens.idx[start], tokens.idx[end - 1] + len(tokens.texts[end - 1])
    cue_end = _cue_end(tokens, cue) if cue_end < 0 else cue_end
    return Candidate(cue, cue_end, option, start_char, end_char, source, has_verb)


def _cue_end(tokens: DocTokens, cue: int) -> int:
    end = cue + 1
    while end < len(tokens) and tokens.deps[end] == "prt" and tokens.heads[end] == cue:
        end += 1
    return end


def _verb_candidates(
    tokens: DocTokens, breaks: list[int], text: str, verb: int, quotations: _QuotationIndex
) -> Iterator[Candidate]:
    deps = tokens.deps
    source = subject_of(tokens, verb)
    sent_start, sent_end = tokens.sentences[verb]
    spans: list[tuple[str, int, int]] = []
    for child in tokens.children[verb]:
        dep = deps[child]
        if dep in ("ccomp", "parataxis") and not (child < verb and _relative_clause(tokens, child)):
            option = "ccomp" if child > verb else "ccomp_left"
            spans.append((option, tokens.left_edge(child), tokens.right_edge(child) + 1))
        elif dep == "xcomp" and child > verb:
            spans.append(("xcomp", _obj_start(tokens, verb, child), tokens.right_edge(child) + 1))
        elif dep in ("dobj", "dative") and child > verb:
            rights = [c for c in tokens.children[verb] if c > verb and deps[c] not in _NOT_CONTENT_DEPS]
            spans.append(("dobj", tokens.left_edge(child), max(tokens.right_edge(c) for c in rights) + 1))
            spans.append(("dobj_compact", tokens.left_edge(child), _compact_end(tokens, verb, child)))
        elif dep == "nsubjpass" and child < verb:
            spans.append(("passive_subject", tokens.left_edge(child), tokens.right_edge(child) + 1))
        elif dep == "prep" and tokens.lowers[child] in _PREP_CONTENT and child > verb:
            spans.extend(_prep_spans(tokens, child))
    cue_end = _cue_end(tokens, verb)
    if cue_end < sent_end - 1:
        spans.append(("right", cue_end, sent_end))
    head = tokens.heads[verb]
    if deps[verb] in ("parataxis", "ccomp", "advcl") and head < verb:
        spans.append(("left", sent_start, tokens.left_edge(verb)))
    elif verb > sent_start + 2 and source is not None and source < verb:
        spans.append(("left", sent_start, min(tokens.left_edge(verb), tokens.left_edge(source))))
    spans += [variant for span in spans if (variant := _core(breaks, *span)) is not None]
    for option, start, end in spans:
        made = _make(tokens, verb, option, start, end, source, cue_end)
        if made is not None:
            yield made
            k = bisect.bisect_left(quotations.starts, made.start)  # a quotation opening in the content?
            if k < len(quotations.starts) and quotations.starts[k] < made.end:
                longer = _to_quotation_end(text, made, quotations)
                if longer is not None:
                    yield longer
    yield from _quote_candidates(tokens, text, verb, source, quotations)


def _relative_clause(tokens: DocTokens, clause: int) -> bool:
    """True when `clause`'s subject is a relative pronoun after a comma: "X, who sits on the board,
    said ..." with the relative clause hung on the cue by the parse is no content of it."""
    return any(
        tokens.deps[c] == "nsubj" and tokens.tags[c] in ("WP", "WDT") and c > 0 and tokens.texts[c - 1] == ","
        for c in tokens.children[clause]
    )


def _to_quotation_end(text: str, cand: Candidate, quotations: _QuotationIndex) -> Candidate | None:
    """The reading carried on to the close of a quotation it opens but stops inside
    (says that "A. B." read as `that "A` by the parse): the content runs to the close."""
    q = quotations.first_starting_at(cand.start)
    if q is None or q.start >= cand.end or not q.closed:
        return None
    end = _inner(text, q)[1]
    if end <= cand.end + 1:
        return None
    return cand._replace(option=cand.option + _TO_QUOTE, end=end)


_TO_QUOTE = "_toquote"


_NOT_CONTENT_DEPS = frozenset({"punct", "advmod", "npadvmod", "cc", "conj"})


def _core(breaks: list[int], option: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The span cut before a trailing clause (", adding ...", ", while ...", "; but ...")."""
    at = bisect.bisect_left(breaks, start + 2)
    if at < len(breaks) and breaks[at] < end - 1:
        return option + "_core", start, breaks[at]
    return None


def _compact_end(tokens: DocTokens, verb: int, obj: int) -> int:
    """End of the object with only its predicate ("called him a liar", "described it as ...")."""
    end = tokens.right_edge(obj) + 1
    for child in tokens.children[verb]:
        if (
            child > verb
            and child > obj
            and (tokens.deps[child] in ("oprd", "xcomp", "ccomp") or tokens.lowers[child] == "as")
        ):
            end = max(end, tokens.right_edge(child) + 1)
    return end


def _obj_start(tokens: DocTokens, verb: int, xcomp: int) -> int:
    objs = [tokens.left_edge(c) for c in tokens.children[verb] if tokens.deps[c] == "dobj" and c < xcomp]
    return min(objs) if objs else tokens.left_edge(xcomp)


def _prep_spans(tokens: DocTokens, prep: int) -> Iterator[tuple[str, int, int]]:
    for pobj in tokens.children[prep]:
        if tokens.deps[pobj] in ("pobj", "pcomp"):
            yield ("prep", tokens.left_edge(pobj), tokens.right_edge(pobj) + 1)


def _according(tokens: DocTokens, token: int) -> Iterator[Candidate]:
    to = token + 1
    source = next((c for c in tokens.children[to] if tokens.deps[c] == "pobj"), None)
    sent_start, sent_end = tokens.sentences[token]
    pp_end = max(tokens.right_edge(token), tokens.right_edge(to)) + 1
    if pp_end >= sent_end - 1 and source is not None:
        # the parse hung the whole sentence under "According" (ROOT): the phrase ends at its comma
        pp_end = next((k + 1 for k in range(source, sent_end - 1) if tokens.texts[k] == ","), pp_end)
    spans = [("according_right", pp_end, sent_end), ("according_left", sent_start, token)]
    for option, start, end in spans:
        if end - start > 2:
            made = _make(tokens, token, option, start, end, source)
            if made is not None:
                yield Candidate(made.cue, token + 2, made.option, made.start, made.end, made.source, made.has_verb)


def _quote_candidates(
    tokens: DocTokens, text: str, verb: int, source: int | None, quotations: _QuotationIndex
) -> Iterator[Candidate]:
    """Quotations right before the cue's clause ("...," he said) or right after it (said: "...")."""
    verb_idx = tokens.idx[verb]
    clause_start = min(verb_idx, tokens.idx[tokens.left_edge(source)] if source is not None else verb_idx)
    clause_end = tokens.end_char(verb)
    before = quotations.last_ending_by(clause_start)
    if before is not None and clause_start - before.end < _GAP_CHARS and _only_glue(text[before.end : clause_start]):
        cue_end = _cue_end(tokens, verb)
        yield Candidate(verb, cue_end, "quote_before", *_inner(text, before), source)
        tail = _split_tail(text, clause_end, quotations)
        if tail is not None:
            start, end = _inner(text, before)[0], _inner(text, tail)[1]
            yield Candidate(verb, cue_end, "quote_split", start, end, source)
    after = quotations.first_starting_at(clause_end)
    if (
        after is not None
        and after.start - clause_end < _GAP_CHARS
        and _only_glue(text[clause_end : after.start], tail=True)
    ):
        yield Candidate(verb, _cue_end(tokens, verb), "quote_after", *_inner(text, after), source)


def _split_tail(text: str, clause_end: int, quotations: _QuotationIndex) -> Quotation | None:
    """The second half of a split quote: '"A," X said on Monday at the rally, "B."'."""
    q = quotations.first_starting_at(clause_end)
    if q is not None and q.start < clause_end + _SPLIT_GAP_CHARS:
        return q if _only_glue(text[clause_end : q.start], tail=True, limit=_SPLIT_GAP_CHARS) else None
    return None


def _only_glue(between: str, tail: bool = False, limit: int = 40) -> bool:
    """True when nothing but punctuation or a short phrase (time, place, the speaker's title)
    separates quote and cue."""
    stripped = between.strip()
    if tail:
        paragraph_ok = "\n\n" not in between or stripped.endswith(":")
        sentence_ok = SENTENCE_END.search(_ABBREVIATION.sub("", stripped[:-1])) is None
        return len(stripped) <= limit and sentence_ok and paragraph_ok
    return stripped in ("", ",", "—", "–", "-", ":", ',"') or (len(stripped) <= 2 and "\n" not in between)


# Dots that end no sentence: initials ("G.K.", "(D-N.C.)"), the titles names.TITLES writes with a
# dot ("Rep.", "Dr.") and a few more short ones; a dot before a bracket or a comma never does either
_SHORT_TITLES = {t.rstrip(".") for t in TITLES if t.endswith(".")} | {
    "lt",
    "col",
    "adm",
    "sgt",
    "capt",
    "jr",
    "sr",
    "st",
    "rev",
    "inc",
    "corp",
    "co",
    "ltd",
    "no",
}
_ABBREVIATION = re.compile(r"\b(?:[A-Z]\.)+|\b(?:" + "|".join(sorted(t.capitalize() for t in _SHORT_TITLES)) + r")\.")


def _inner(text: str, q: Quotation) -> tuple[int, int]:
    return trimmed(text, *q.inner)
