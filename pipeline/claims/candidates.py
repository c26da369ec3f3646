"""Rule candidates for attributions: a cue token and the content spans its parse could govern."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from pipeline.claims.quotations import Quotation
from pipeline.claims.syntax import subject_of, trim
from pipeline.claims.tokens import DocTokens
from pipeline.lemma import coarse_pos

_PREP_CONTENT = frozenset({"about", "of", "on", "for", "against", "to", "over", "with"})
_GAP_CHARS = 80
_SPLIT_GAP_CHARS = 160
_CLAUSE_BREAKS = frozenset({",", ";", "—", "--", "–"})
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


@dataclass(frozen=True, slots=True)
class Candidate:
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
    lowers = tokens.lowers
    for i, pos in enumerate(tokens.pos):
        if lowers[i] == "according" and i + 1 < len(lowers) and lowers[i + 1] == "to":
            yield from _according(doc, tokens, doc[i])
        elif pos == "VERB" or (pos == "AUX" and doc[i].dep_ == "ROOT"):
            yield from _verb_candidates(doc, tokens, breaks, text, doc[i], quotations)
        elif pos == "NOUN":
            yield from _noun_candidates(doc, tokens, doc[i])


def _clause_breaks(tokens: DocTokens) -> list[int]:
    """Positions of a comma, semicolon or dash followed by a trailing clause (", adding", ", while")."""
    texts, tags, lowers = tokens.texts, tokens.tags, tokens.lowers
    return [
        k
        for k in range(len(texts) - 1)
        if texts[k] in _CLAUSE_BREAKS
        and (tags[k + 1] in ("VBG", "VBN", "WDT", "WP") or lowers[k + 1] in _CLAUSE_STARTERS)
    ]


def _noun_candidates(doc: Doc, tokens: DocTokens, noun: Token) -> Iterator[Candidate]:
    """Nominal cues: "his criticism of the plan", "the claim that ...", "a call to act"."""
    spans: list[tuple[str, int, int]] = []
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in _PREP_CONTENT:
            spans.extend(("noun_" + option, start, end) for option, start, end in _prep_spans(child))
        elif child.dep_ in ("acl", "ccomp", "relcl") and child.left_edge.lower_ in ("that", "to"):
            spans.append(("noun_clause", child.left_edge.i, child.right_edge.i + 1))
    if not spans:
        return
    source = next((c for c in noun.children if c.dep_ == "poss"), None)
    if source is None and noun.dep_ in ("dobj", "attr") and coarse_pos(noun.head) in ("VERB", "AUX"):
        source = subject_of(noun.head)
    for option, start, end in spans:
        made = _make(doc, tokens, noun, option, start, end, source)
        if made is not None:
            yield made


def _make(
    doc: Doc, tokens: DocTokens, cue: Token, option: str, start: int, end: int, source: Token | None
) -> Candidate | None:
    start, end = trim(tokens, start, end)
    if end <= start or (start <= cue.i < end and option != "left"):
        return None
    if end - start == 1 and tokens.tags[start] in ("WDT", "WP", "EX"):
        return None  # a bare relative pronoun is not a content
    cue_end = _cue_end(doc, cue)
    src = source.i if source is not None else None
    has_verb = tokens.has_verb(start, end)
    start_char, end_char = doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
    return Candidate(cue.i, cue_end, option, start_char, end_char, src, has_verb)


def _cue_end(doc: Doc, cue: Token) -> int:
    end = cue.i + 1
    while end < len(doc) and doc[end].dep_ == "prt" and doc[end].head.i == cue.i:
        end += 1
    return end


def _verb_candidates(
    doc: Doc, tokens: DocTokens, breaks: list[int], text: str, verb: Token, quotations: tuple[Quotation, ...]
) -> Iterator[Candidate]:
    source = subject_of(verb)
    sent_start, sent_end = tokens.sentences[verb.i]
    spans: list[tuple[str, int, int]] = []
    rights = [c for c in verb.rights if c.dep_ not in ("punct", "advmod", "npadvmod", "cc", "conj")]
    for child in verb.children:
        if child.dep_ in ("ccomp", "parataxis"):
            spans.append(("ccomp" if child.i > verb.i else "ccomp_left", child.left_edge.i, child.right_edge.i + 1))
        elif child.dep_ == "xcomp" and child.i > verb.i:
            spans.append(("xcomp", _obj_start(verb, child), child.right_edge.i + 1))
        elif child.dep_ in ("dobj", "dative") and child.i > verb.i:
            spans.append(("dobj", child.left_edge.i, max(c.right_edge.i for c in rights) + 1))
            spans.append(("dobj_compact", child.left_edge.i, _compact_end(verb, child)))
        elif child.dep_ == "nsubjpass" and child.i < verb.i:
            spans.append(("passive_subject", child.left_edge.i, child.right_edge.i + 1))
        elif child.dep_ == "prep" and child.lower_ in _PREP_CONTENT and child.i > verb.i:
            spans.extend(_prep_spans(child))
    if verb.i + 1 < sent_end - 1:
        spans.append(("right", verb.i + 1, sent_end))
    if verb.dep_ in ("parataxis", "ccomp", "advcl") and verb.head.i < verb.i:
        spans.append(("left", sent_start, verb.left_edge.i))
    elif verb.i > sent_start + 2 and source is not None and source.i < verb.i:
        spans.append(("left", sent_start, min(verb.left_edge.i, source.left_edge.i)))
    spans += [variant for span in spans if (variant := _core(breaks, *span)) is not None]
    for option, start, end in spans:
        made = _make(doc, tokens, verb, option, start, end, source)
        if made is not None:
            yield made
    yield from _quote_candidates(doc, text, verb, source, quotations)


def _core(breaks: list[int], option: str, start: int, end: int) -> tuple[str, int, int] | None:
    """The span cut before a trailing clause (", adding ...", ", while ...", "; but ...")."""
    at = bisect.bisect_left(breaks, start + 2)
    if at < len(breaks) and breaks[at] < end - 1:
        return option + "_core", start, breaks[at]
    return None


def _compact_end(verb: Token, obj: Token) -> int:
    """End of the object with only its predicate ("called him a liar", "described it as ...")."""
    end = obj.right_edge.i + 1
    for child in verb.rights:
        if child.i > obj.i and (child.dep_ in ("oprd", "xcomp", "ccomp") or child.lower_ == "as"):
            end = max(end, child.right_edge.i + 1)
    return end


def _obj_start(verb: Token, xcomp: Token) -> int:
    objs = [c.left_edge.i for c in verb.children if c.dep_ == "dobj" and c.i < xcomp.i]
    return min(objs) if objs else xcomp.left_edge.i


def _prep_spans(prep: Token) -> Iterator[tuple[str, int, int]]:
    for pobj in prep.children:
        if pobj.dep_ in ("pobj", "pcomp"):
            yield ("prep", pobj.left_edge.i, pobj.right_edge.i + 1)


def _according(doc: Doc, tokens: DocTokens, token: Token) -> Iterator[Candidate]:
    to = doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    sent_start, sent_end = tokens.sentences[token.i]
    pp_end = max(token.right_edge.i, to.right_edge.i) + 1
    spans = [("according_right", pp_end, sent_end), ("according_left", sent_start, token.i)]
    for option, start, end in spans:
        if end - start > 2:
            made = _make(doc, tokens, token, option, start, end, source)
            if made is not None:
                yield Candidate(made.cue, token.i + 2, made.option, made.start, made.end, made.source, made.has_verb)


def _quote_candidates(
    doc: Doc, text: str, verb: Token, source: Token | None, quotations: tuple[Quotation, ...]
) -> Iterator[Candidate]:
    """Quotations right before the cue's clause ("...," he said) or right after it (said: "...")."""
    clause_start = min(verb.idx, doc[source.left_edge.i].idx if source is not None else verb.idx)
    clause_end = verb.idx + len(verb)
    before = [q for q in quotations if q.end <= clause_start and clause_start - q.end < _GAP_CHARS]
    after = [q for q in quotations if q.start >= clause_end and q.start - clause_end < _GAP_CHARS]
    for q in before[-1:]:
        if _only_glue(text[q.end : clause_start]):
            yield Candidate(verb.i, _cue_end(doc, verb), "quote_before", *_inner(text, q), _i(source))
            tail = _split_tail(text, clause_end, quotations)
            if tail is not None:
                yield Candidate(
                    verb.i, _cue_end(doc, verb), "quote_split", _inner(text, q)[0], _inner(text, tail)[1], _i(source)
                )
    for q in after[:1]:
        if _only_glue(text[clause_end : q.start], tail=True):
            yield Candidate(verb.i, _cue_end(doc, verb), "quote_after", *_inner(text, q), _i(source))


def _i(token: Token | None) -> int | None:
    return token.i if token is not None else None


def _split_tail(text: str, clause_end: int, quotations: tuple[Quotation, ...]) -> Quotation | None:
    """The second half of a split quote: '"A," X said on Monday at the rally, "B."'."""
    for q in quotations:
        if clause_end <= q.start < clause_end + _SPLIT_GAP_CHARS:
            return q if _only_glue(text[clause_end : q.start], tail=True, limit=_SPLIT_GAP_CHARS) else None
    return None


def _only_glue(between: str, tail: bool = False, limit: int = 40) -> bool:
    """True when nothing but punctuation or a short phrase (time, place, the speaker's title)
    separates quote and cue."""
    stripped = between.strip()
    if tail:
        paragraph_ok = "\n\n" not in between or stripped.endswith(":")
        return len(stripped) <= limit and "." not in stripped[:-1] and paragraph_ok
    return stripped in ("", ",", "—", "–", "-", ":", ',"') or (len(stripped) <= 2 and "\n" not in between)


def _inner(text: str, q: Quotation) -> tuple[int, int]:
    start, end = q.inner
    while end > start and text[end - 1] in ",.;: \n":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
