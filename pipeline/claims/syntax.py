"""Small questions asked of the spaCy parse: subjects, noun-phrase extents, trimmed spans."""

from __future__ import annotations

from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "ccomp", "acl"})
_NP_CUT_DEPS = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj", "advcl", "prep"})
_EDGE_PUNCT = frozenset(",;:—–-()[]")
_QUOTE_CHARS = frozenset("\"“”'‘’«»")


def subject_of(verb: Token, depth: int = 0) -> Token | None:
    """The token that says the verb: its subject, the agent of a passive, or a climbed-to subject."""
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    if agent is not None:
        pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return pobj
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if depth < 3 and verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1)
    if depth < 3 and verb.dep_ == "pcomp" and verb.head.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head.head, depth + 1)  # "... by saying that ..."
    return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)


def noun_phrase(head: Token) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `head`, without clauses or appositions."""
    start = head.left_edge.i
    for child in head.lefts:
        if child.dep_ in ("punct", "appos", "relcl", "cc", "conj"):
            start = child.right_edge.i + 1
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _NP_CUT_DEPS:
            break
        end = child.right_edge.i + 1
    return start, end


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Token range without edge punctuation, a leading 'that' or conjunction, or unmatched quotes."""
    while start < end and (doc[start].text in _EDGE_PUNCT or doc[start].lower_ in ("and", "but")):
        start += 1
    while end > start and (doc[end - 1].text in _EDGE_PUNCT or doc[end - 1].is_space):
        end -= 1
    while end > start and doc[end - 1].text in (".", "?", "!") and end - start > 1:
        end -= 1
    start, end = _balance_quotes(doc, start, end)
    return start, end


def _balance_quotes(doc: Doc, start: int, end: int) -> tuple[int, int]:
    marks = [i for i in range(start, end) if doc[i].text in _QUOTE_CHARS and len(doc[i].text) == 1]
    if len(marks) == 1:
        if marks[0] == start:
            start += 1
        elif marks[0] == end - 1:
            end -= 1
    return start, end


def in_quotation(token: Token, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= token.idx < e for s, e in spans)
