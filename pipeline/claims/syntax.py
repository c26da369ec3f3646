"""Small questions asked of the spaCy parse: subjects, noun-phrase extents, trimmed spans."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.claims.tokens import DocTokens

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLIMB_DEPS = frozenset({"conj", "xcomp", "advcl", "ccomp", "acl"})
_NP_CUT_DEPS = frozenset({"relcl", "appos", "acl", "punct", "cc", "conj", "advcl", "prep"})
_EDGE_PUNCT = frozenset(",;:—–-()[]")
_DANGLING = frozenset({"and", "or", "but", "nor"})  # a conjunction the span's last conjunct was cut from


def subject_of(tokens: DocTokens, verb: int, depth: int = 0) -> int | None:
    """The token that says the verb: its subject, the agent of a passive, or a climbed-to subject."""
    deps, children = tokens.deps, tokens.children
    agent = subject = passive = None
    for child in children[verb]:
        dep = deps[child]
        if dep == "agent":
            agent = child if agent is None else agent
        elif dep in ("nsubj", "csubj"):
            subject = child if subject is None else subject
        elif dep == "nsubjpass":
            passive = child if passive is None else passive
    if agent is not None:
        for child in children[agent]:
            if deps[child] == "pobj":
                return child
    if subject is not None:
        return subject
    head = tokens.heads[verb]
    if deps[verb] == "relcl" and tokens.pos[head] in ("NOUN", "PROPN", "PRON"):
        return head
    controller = _controlling_object(tokens, verb)
    if controller is not None:
        return controller
    if depth < 3 and deps[verb] in _CLIMB_DEPS and head != verb:
        return subject_of(tokens, head, depth + 1)
    if depth < 3 and deps[verb] == "pcomp" and tokens.pos[tokens.heads[head]] in ("VERB", "AUX"):
        return subject_of(tokens, tokens.heads[head], depth + 1)  # "... by saying that ..."
    return passive


def _controlling_object(tokens: DocTokens, verb: int) -> int | None:
    """Who an infinitive's action belongs to when its governor has an object before it: the object
    ("led the union to declare", "urged Congress to act"), not the governor's subject."""
    head = tokens.heads[verb]
    if tokens.deps[verb] != "xcomp" or head == verb:
        return None
    return next((c for c in tokens.children[head] if tokens.deps[c] == "dobj" and c < verb), None)


_NAMED = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_PERSONAL = frozenset({"i", "we", "he", "she", "they"})
_RELATIVE_TAGS = frozenset({"WP", "WDT", "EX"})


def stray_subject(tokens: DocTokens, cue: int, outside: Callable[[int], bool]) -> int | None:
    """A guess at the speaker when the parse gives the cue no subject: the noun the parser made the
    cue modify ("a poll found last week that ..."), a capitalised word it made the cue's modifier
    ("Tavish estimates that ..."), the nearest subject in the cue's sentence before it that names
    someone ("Smith, who ran twice, said ...": "Smith" parsed as the subject of "ran"), else a name
    right before or just after it ("Smith added", ", said Smith"), else the nearest noun before it
    in its own clause ("Lee, the club's manager, suggested ..." with "Lee" parsed as a modifier).
    Only nouns, names and personal pronouns count, at character offsets `outside` accepts (not in
    the content or a quotation)."""
    sent_start, sent_end = tokens.sentences[cue]
    deps, idx = tokens.deps, tokens.idx
    modified = _modified_sayer(tokens, cue)
    if modified is not None and outside(idx[modified]):
        return modified
    before = cue - 1  # "Trump estimates that ...", parsed as a noun phrase
    if (
        before >= sent_start
        and deps[before] in ("compound", "amod")
        and tokens.heads[before] == cue
        and tokens.texts[before][:1].isupper()
        and outside(idx[before])
    ):
        return before
    for k in range(cue - 1, sent_start - 1, -1):
        if deps[k] in SUBJECT_DEPS and _may_speak(tokens, k, outside):
            return k
    for k in (cue - 1, cue + 1, cue + 2, cue + 3):
        if sent_start <= k < sent_end and tokens.pos[k] == "PROPN" and outside(idx[k]):
            while k + 1 < sent_end and tokens.heads[k] == k + 1 and tokens.pos[k + 1] == "PROPN":
                k += 1  # the name's head word
            return k
    for k in range(cue - 1, sent_start - 1, -1):
        if tokens.pos[k] in ("VERB", "AUX"):  # another clause's verb: the cue's own clause ends here
            break
        if _may_speak(tokens, k, outside):
            return k
    return None


def _modified_sayer(tokens: DocTokens, cue: int) -> int | None:
    """The sayer of a cue the parser made a modifier of a noun before it: the noun ("a poll found
    last week that ..."), or, for a message that is a verb's object, that verb's subject ("the
    group issued a statement saying ...")."""
    head = tokens.heads[cue]
    if tokens.deps[cue] != "acl" or head >= cue or tokens.pos[head] not in _SAYER_POS:
        return None
    if tokens.deps[head] == "dobj":
        subject = subject_of(tokens, tokens.heads[head])
        if subject is not None:
            return subject
    return head


_SAYER_POS = frozenset({"NOUN", "PROPN", "PRON"})


def _may_speak(tokens: DocTokens, k: int, outside: Callable[[int], bool]) -> bool:
    """A noun, name or personal pronoun (not a relative one) at an offset `outside` accepts."""
    return tokens.tags[k] not in _RELATIVE_TAGS and _names_someone(tokens, k) and outside(tokens.idx[k])


def _names_someone(tokens: DocTokens, k: int) -> bool:
    return tokens.ent_types[k] in _NAMED or tokens.pos[k] in ("PROPN", "NOUN") or tokens.lowers[k] in _PERSONAL


def noun_phrase(tokens: DocTokens, head: int) -> tuple[int, int]:
    """Token range [start, end) of the noun phrase headed by `head`, without clauses or appositions."""
    deps = tokens.deps
    start = tokens.left_edge(head)
    end = head + 1
    for child in tokens.children[head]:
        if child < head:
            if deps[child] in ("punct", "appos", "relcl", "cc", "conj"):
                start = tokens.right_edge(child) + 1
        elif deps[child] in _NP_CUT_DEPS:
            break
        else:
            end = tokens.right_edge(child) + 1
    return start, end


def trim(tokens: DocTokens, start: int, end: int) -> tuple[int, int]:
    """Token range without edge punctuation, a leading or trailing conjunction, or unmatched quotes."""
    texts = tokens.texts
    while start < end and (texts[start] in _EDGE_PUNCT or tokens.lowers[start] in ("and", "but")):
        start += 1
    while end > start and (
        texts[end - 1] in _EDGE_PUNCT or tokens.is_space[end - 1] or tokens.lowers[end - 1] in _DANGLING
    ):
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
