"""Small questions asked of the spaCy parse: subjects, noun-phrase extents, trimmed spans."""

from __future__ import annotations

from spacy.tokens import Token

from pipeline.claims.tokens import DocTokens
from pipeline.lemma import coarse_pos

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "ccomp", "acl"})
_NP_CUT_DEPS = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj", "advcl", "prep"})
_EDGE_PUNCT = frozenset(",;:—–-()[]")


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
    if verb.dep_ == "relcl" and coarse_pos(verb.head) in ("NOUN", "PROPN", "PRON"):
        return verb.head
    if depth < 3 and verb.dep_ in _CLIMB_DEPS and verb.head.i != verb.i:
        return subject_of(verb.head, depth + 1)
    if depth < 3 and verb.dep_ == "pcomp" and coarse_pos(verb.head.head) in ("VERB", "AUX"):
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


def trim(tokens: DocTokens, start: int, end: int) -> tuple[int, int]:
    """Token range without edge punctuation, a leading 'that' or conjunction, or unmatched quotes."""
    texts = tokens.texts
    while start < end and (texts[start] in _EDGE_PUNCT or tokens.lowers[start] in ("and", "but")):
        start += 1
    while end > start and (texts[end - 1] in _EDGE_PUNCT or tokens.is_space[end - 1]):
        end -= 1
    while end > start and texts[end - 1] in (".", "?", "!") and end - start > 1:
        end -= 1
    marks = tokens.quote_marks_in(start, end)
    if len(marks) == 1:
        if marks[0] == start:
            start += 1
        elif marks[0] == end - 1:
            end -= 1
    return start, end


def in_quotation(token: Token, spans: tuple[tuple[int, int], ...]) -> bool:
    return any(s <= token.idx < e for s, e in spans)
