"""Feature strings describing one attribution candidate, for the learned scorer."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from pipeline.claims.candidates import Candidate
from pipeline.claims.lexicon import word_classes
from pipeline.claims.quotations import QuotedSpans
from pipeline.claims.tokens import CLAUSE_PUNCT, DocTokens

_PERSONISH = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_NOUNS = frozenset({"NOUN", "PROPN"})  # a cue or object looked up as a noun


class CueFacts(NamedTuple):
    """What every reading of one cue (with one source) shares."""

    source: int | None
    lemma: str
    dep: str
    tag: str
    cue_quoted: bool
    src: str
    source_lemma: str


def cue_facts(tokens: DocTokens, cand: Candidate, quoted: QuotedSpans) -> CueFacts:
    cue = cand.cue
    source_lemma = tokens.lemma(cand.source) if cand.source is not None else "<none>"
    return CueFacts(
        cand.source,
        tokens.lemma(cue),
        tokens.deps[cue],
        tokens.tags[cue],
        quoted.covers(tokens.idx[cue]),
        _source_kind(tokens, cand.source),
        source_lemma,
    )


class GroupFacts(NamedTuple):
    """The content lengths and options of one cue's readings."""

    shortest: int
    longest: int
    one_length: bool
    quote_option: bool


def group_facts(group: list[Candidate]) -> GroupFacts:
    lengths = set()
    quote_option = False
    for c in group:
        lengths.add(c.end - c.start)
        if not quote_option and c.option.startswith("quote"):
            quote_option = True
    return GroupFacts(min(lengths), max(lengths), len(lengths) == 1, quote_option)


def _bucket(n: int) -> str:
    for limit in (2, 4, 8, 16, 32, 64):
        if n <= limit:
            return str(limit)
    return "many"


def _source_kind(tokens: DocTokens, source: int | None) -> str:
    if source is None:
        return "none"
    ent_type = tokens.ent_types[source]
    if ent_type in _PERSONISH:
        return "ent_" + ent_type
    pos = tokens.pos[source]
    if pos == "PRON":
        return "pron_" + tokens.lowers[source]
    return pos


_GLUE = " \n\t\"“”'‘’«».,;:!?—–-()"


def _bounds(tokens: DocTokens, text: str, start: int, end: int, first: int, last: int) -> str:
    """Where the content starts and ends within its sentences: "s" at a sentence's edge (only
    punctuation, quote marks or spaces between), "c" inside it: "s-s", "c-s", "s-c", "c-c".
    `first`, `last`: the tokens holding the content's first and last characters."""
    idx = tokens.idx
    sent_start = idx[tokens.sentences[first][0]]
    sent_last = tokens.sentences[last][1] - 1
    sent_end = idx[sent_last] + len(tokens.texts[sent_last])
    head = "c" if text[sent_start:start].strip(_GLUE) else "s"
    tail = "c" if text[end:sent_end].strip(_GLUE) else "s"
    return head + "-" + tail


def _word(tokens: DocTokens, i: int) -> str:
    return tokens.lowers[i] if 0 <= i < len(tokens.lowers) else "<edge>"


def group_features(cand: Candidate, group: list[Candidate], facts: GroupFacts | None = None) -> list[str]:
    """How this reading compares with the cue's other readings."""
    g = group_facts(group) if facts is None else facts
    opt = cand.option
    size = cand.end - cand.start
    rank = "only" if g.one_length else "shortest" if size == g.shortest else "longest" if size == g.longest else "mid"
    return [f"rank={rank}|opt={opt}", f"quote_option={g.quote_option}|opt={opt}", f"verb={cand.has_verb}|opt={opt}"]


def features(tokens: DocTokens, text: str, cand: Candidate, quoted: QuotedSpans) -> list[str]:
    return cue_invariant(tokens, cand, quoted) + reading_features(tokens, text, cand, quoted)


def cue_invariant(tokens: DocTokens, cand: Candidate, quoted: QuotedSpans) -> list[str]:
    """The features every reading of one cue shares: they shift all its readings' scores alike."""
    cue = cand.cue
    lemma = tokens.lemma(cue)
    dep = tokens.deps[cue]
    return [
        "bias",
        f"lemma={lemma}",
        f"dep={dep}",
        f"tag={tokens.tags[cue]}",
        f"cue_quoted={quoted.covers(tokens.idx[cue])}",
        f"neg={any(tokens.deps[c] == 'neg' for c in tokens.children[cue])}",
        f"lemma={lemma}|dep={dep}",
        f"prev={_word(tokens, cue - 1)}",
    ]


def reading_features(
    tokens: DocTokens, text: str, cand: Candidate, quoted: QuotedSpans, facts: CueFacts | None = None
) -> list[str]:
    """The features that tell one reading of a cue from another (option, content, source).
    `facts`: the cue's shared facts when the caller has them (recomputed if the source differs)."""
    f = facts if facts is not None and facts.source == cand.source else cue_facts(tokens, cand, quoted)
    lemma, src = f.lemma, f.src
    opt = cand.option
    start, end = cand.start, cand.end
    first_token = bisect.bisect_right(tokens.idx, start) - 1  # the token holding `start` (one starts at 0)
    last_token = bisect.bisect_right(tokens.idx, end - 1) - 1
    marks = tokens.text_marks()
    n_tokens = marks.spaces(start, end) + 1
    sents = 1 + marks.sentence_ends(start, end)
    first_word = _FIRST_WORD.match(text, start, end)
    if first_word is not None and first_word.start() == start:
        cfirst = first_word.group().lower()
        first_upper = text[start].isupper()
    else:  # content starting with a space (never made so): read it as before
        words = text[start:end].split(maxsplit=1)
        cfirst = words[0].lower() if words else ""
        first_upper = text[start:end][:1].isupper()
    last = text[end - 1] if end > start else ""
    ends_q = last == "?" if not last.isspace() else text[start:end].rstrip()[-1:] == "?"
    return [
        f"opt={opt}",
        f"lemma={lemma}|opt={opt}",
        f"dep={f.dep}|opt={opt}",
        f"tag={f.tag}|opt={opt}",
        f"src={src}",
        f"src={src}|opt={opt}",
        f"lemma={lemma}|src={src.split('_')[0]}",
        f"len={_bucket(n_tokens)}|opt={opt}",
        f"cue_quoted={f.cue_quoted}|opt={opt}",
        f"whole_quote={quoted.within(start + 1, end - 1)}|opt={opt}",
        f"has_quote={quoted.starts_in(start, end)}|opt={opt}",
        f"sents={min(sents, 3)}|opt={opt}",
        f"first={first_upper}|opt={opt}",
        f"suffix={lemma[-3:]}|opt={opt}",
        f"ends_q={ends_q}",
        f"next={_word(tokens, cand.cue_end)}|opt={opt}",
        f"cfirst={cfirst}|opt={opt}",
        f"srclemma={f.source_lemma}",
        f"bounds={_bounds(tokens, text, start, end, first_token, last_token)}|opt={opt}",
        *_edge_features(tokens, first_token, last_token, opt),
        *_attachment_features(tokens, first_token, last_token, cand.cue, opt),
        f"gap={_gap(first_token, last_token, cand.cue)}|opt={opt}",
        *_cue_children_inside(tokens, cand.cue, first_token, last_token, opt),
        *_root_features(tokens, first_token, last_token, opt),
    ]


_NAMED_CHILD_DEPS = frozenset({"prep", "advmod", "mark", "npadvmod", "advcl"})


def _cue_children_inside(tokens: DocTokens, cue: int, first: int, last: int, opt: str) -> list[str]:
    """The cue's own dependents the reading takes in, by relation (and word, for adjuncts): an
    object or clause belongs in a content, a time or place adjunct of the cue ("pledged ... after a
    meeting", "endorsed Cruz last week") rarely does. `first`, `last`: the reading's edge tokens."""
    out = []
    for c in tokens.children[cue]:
        if first <= c <= last:
            dep = tokens.deps[c]
            word = tokens.lowers[c] if dep in _NAMED_CHILD_DEPS else ""
            out.append(f"cuechild={dep}:{word}|opt={opt}")
    return out


_ROOT_REACH = 400  # tokens: a longer reading gets one "nroots=long" feature instead of a walk


def _root_features(tokens: DocTokens, first: int, last: int, opt: str) -> list[str]:
    """How many pieces of the parse the reading is made of (tokens whose head lies outside it, or
    the sentence root) and their relations: one clause or object is a whole argument; a run of
    loose pieces is a cut across the tree. A reading over `_ROOT_REACH` tokens (7 readings in the
    840 training articles) is not walked: in a sentence thousands of tokens long (scraped text with
    no full stops) every cue has such a reading, and walking each would cost time quadratic in the
    sentence's length."""
    if last - first >= _ROOT_REACH:
        return [f"nroots=long|opt={opt}"]
    heads, deps = tokens.heads, tokens.deps
    roots = [k for k in range(first, last + 1) if not first <= heads[k] <= last or heads[k] == k]
    out = [f"nroots={min(len(roots), 4)}|opt={opt}"]
    out.extend(f"root={d}|opt={opt}" for d in sorted({deps[k] for k in roots if deps[k] != "punct"}))
    return out


_INNER_REACH = 60  # tokens from a reading's start searched for a comma or dash


def _edge_features(tokens: DocTokens, first: int, last: int, opt: str) -> list[str]:
    """What the reading stops before and what its last word is: a trailing clause after a comma or
    dash ("..., although ..."; "... — an opportunity ...") or a time phrase ("one in July").
    `first`, `last`: the tokens holding the content's first and last characters."""
    word = _word(tokens, last + 1)
    if word in CLAUSE_PUNCT:
        word = word + _word(tokens, last + 2)
    punct = tokens.clause_punct
    k = bisect.bisect_right(punct, first)
    if k < len(punct) and punct[k] < min(last, first + _INNER_REACH):
        inner = tokens.lowers[punct[k]] + _word(tokens, punct[k] + 1)
    else:
        inner = "<none>"
    return [
        f"after={word}|opt={opt}",
        f"tail={word}",
        f"inner={inner}",
        f"lastent={tokens.ent_types[last]}|opt={opt}",
        f"lasttag={tokens.tags[last]}",
    ]


def _gap(first: int, last: int, cue: int) -> str:
    """Tokens between the cue and the nearer edge of its reading, bucketed; "in" when the cue lies inside."""
    if first <= cue <= last:
        return "in"
    return _bucket(first - cue - 1 if first > cue else cue - last - 1)


def _attachment_features(tokens: DocTokens, first: int, last: int, cue: int, opt: str) -> list[str]:
    """How the words just outside the reading hang on it: a conjunct or modifier of a word inside
    ("to triple X, | grow Y and create Z") says the reading stops too soon; one of the cue's own
    says it stops where the cue's arguments do."""
    out = []
    for side, k, step in (("nextrel", last + 1, 1), ("prevrel", first - 1, -1)):
        for _ in range(2):  # over a comma or dash
            if 0 <= k < len(tokens.texts) and tokens.texts[k] in CLAUSE_PUNCT:
                k += step
        if not 0 <= k < len(tokens.texts):
            out.append(f"{side}=<edge>|opt={opt}")
            continue
        head = tokens.heads[k]
        where = "cue" if head == cue else "in" if first <= head <= last else "out"
        out.append(f"{side}={tokens.deps[k]}|{where}|opt={opt}")
    return out


_FIRST_WORD = re.compile(r"\S+")


def cue_features(tokens: DocTokens, text: str, group: list[Candidate], quoted: QuotedSpans) -> list[str]:
    """Whether a token is an attribution cue at all, from the cue and the readings it allows."""
    first = group[0]
    cue = first.cue
    lemma = tokens.lemma(cue)
    dep, tag = tokens.deps[cue], tokens.tags[cue]
    src = _source_kind(tokens, first.source)
    options = sorted({c.option.removesuffix("_toquote").removesuffix("_core") for c in group})
    cue_quoted = quoted.covers(tokens.idx[cue])
    head = tokens.heads[cue]
    next_word = _word(tokens, first.cue_end)
    return [
        *_cue_word_features(lemma, tag, dep),
        f"src={src}",
        f"lemma={lemma}|src={src.split('_')[0]}",
        f"prev={_word(tokens, cue - 1)}",
        f"next={next_word}",
        f"lemma={lemma}|next={next_word}",
        f"cue_quoted={cue_quoted}",
        f"head={tokens.lemma(head)}|dep={dep}",
        _suffix_feature(lemma),
        f"neg={any(tokens.deps[c] == 'neg' for c in tokens.children[cue])}",
        f"srclemma={tokens.lemma(first.source) if first.source is not None else '<none>'}",
        *(f"has={o}" for o in options),
        *(f"lemma={lemma}|has={o}" for o in options),
        f"options={'+'.join(options)}",
        f"prefix={lemma[:4]}",
        f"frame={_frame(tokens, cue)}",
        f"lemma={lemma}|srckind={src}",
        *_class_features(lemma, tokens.pos[cue] in _NOUNS, src),
        *_object_classes(tokens, cue),
        *_function_dependents(tokens, cue),
    ]


_FUNCTION_DEPS = frozenset({"advmod", "aux", "auxpass", "mark", "prep", "npadvmod", "prt", "acomp", "agent"})


def _function_dependents(tokens: DocTokens, cue: int) -> list[str]:
    """The cue's auxiliaries, particles, adverbs and prepositions by word ("kid=aux:will",
    "kid=prep:at", "kid=advmod:also"): "will seek" and "seeks" differ as claims, "said at" and
    "looked at" as cues."""
    deps = tokens.deps
    return [f"kid={deps[c]}:{tokens.lowers[c]}" for c in tokens.children[cue] if deps[c] in _FUNCTION_DEPS]


def _object_classes(tokens: DocTokens, cue: int) -> list[str]:
    """What the cue acts on, as WordNet classes its noun: its direct object ("offered an apology":
    communication; "offered a loan": possession) and each prepositional object after it, by preposition."""
    out = []
    deps = tokens.deps
    for c in tokens.children[cue]:
        if c < cue:
            continue
        if deps[c] == "dobj" and tokens.pos[c] in _NOUNS:
            out.append(f"obj={_first_noun_class(tokens.lemma(c))}")
        elif deps[c] == "prep":
            pobj = next((g for g in tokens.children[c] if deps[g] == "pobj"), None)
            if pobj is not None and tokens.pos[pobj] in _NOUNS:
                out.append(f"pobj={tokens.lowers[c]}:{_first_noun_class(tokens.lemma(pobj))}")
    return out


def _first_noun_class(lemma: str) -> str:
    classes = word_classes(lemma, True)
    return classes[0] if classes else "<none>"


@lru_cache(maxsize=8192)
def _class_features(lemma: str, noun: bool, src: str) -> tuple[str, ...]:
    """What the cue word means, as WordNet classes it: its most frequent sense's class (alone and by
    the source's kind) and every class of its senses. A long-tail cue ("lambaste") shares them
    with the common cues of its class ("criticize": communication)."""
    classes = word_classes(lemma, noun)
    if not classes:
        return ("wn1=<none>",)
    return (f"wn1={classes[0]}", f"wn1={classes[0]}|src={src}", *(f"wn={c}" for c in classes))


_FRAME_SKIP = frozenset({"punct", "aux", "auxpass", "neg", "advmod", "cc", "det", "amod", "compound"})


def _frame(tokens: DocTokens, cue: int) -> str:
    """The cue's argument frame: its children's dependencies in order ("nsubj<dobj<ccomp")."""
    deps = tokens.deps
    return "<".join(deps[c] if c > cue else deps[c] + "-" for c in tokens.children[cue] if deps[c] not in _FRAME_SKIP)


@lru_cache(maxsize=4096)
def _cue_word_features(lemma: str, tag: str, dep: str) -> tuple[str, ...]:
    """The first features of `cue_features`: a few hundred (lemma, tag, dependency) triples recur."""
    return (
        "bias",
        f"lemma={lemma}",
        f"dep={dep}",
        f"tag={tag}",
        f"lemma={lemma}|tag={tag}",
        f"lemma={lemma}|dep={dep}",
    )


@lru_cache(maxsize=4096)
def _suffix_feature(lemma: str) -> str:
    return f"suffix={lemma[-3:]}"


def content_features(
    tokens: DocTokens, text: str, cand: Candidate, group: list[Candidate], quoted: QuotedSpans
) -> list[str]:
    return features(tokens, text, cand, quoted) + group_features(cand, group)


def ranking_features(
    tokens: DocTokens,
    text: str,
    cand: Candidate,
    group: list[Candidate],
    quoted: QuotedSpans,
    facts: CueFacts | None = None,
    gfacts: GroupFacts | None = None,
) -> list[str]:
    """`content_features` without `cue_invariant`: the same ranking among one cue's readings, and
    every feature `with_best_reading` keeps."""
    return reading_features(tokens, text, cand, quoted, facts) + group_features(cand, group, gfacts)


_BEST_READING_KEYS = (
    "opt=",
    "len=",
    "verb=",
    "whole_quote=",
    "has_quote=",
    "cfirst=",
    "rank=",
    "sents=",
    "bounds=",
    "after=",
    "tail=",
    "inner=",
)


def with_best_reading(cue_feats: list[str], best_content_feats: list[str]) -> list[str]:
    """Cue features plus what the cue's top-ranked reading looks like."""
    return cue_feats + ["best|" + f for f in best_content_feats if f.startswith(_BEST_READING_KEYS)]
