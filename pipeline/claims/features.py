"""Feature strings describing one attribution candidate, for the learned scorer."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.claims.candidates import Candidate
from pipeline.lemma import coarse_pos, token_lemma

_PERSONISH = frozenset({"PERSON", "ORG", "NORP", "GPE"})
_SENTENCE_ENDS = (". ", "? ", "! ", ".\n", ".”", '."')


def _bucket(n: int) -> str:
    for limit in (2, 4, 8, 16, 32, 64):
        if n <= limit:
            return str(limit)
    return "many"


def _source_kind(doc: Doc, cand: Candidate) -> str:
    if cand.source is None:
        return "none"
    src: Token = doc[cand.source]
    if src.ent_type_ in _PERSONISH:
        return "ent_" + src.ent_type_
    if coarse_pos(src) == "PRON":
        return "pron_" + src.lower_
    return coarse_pos(src)


def _word(doc: Doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else "<edge>"


def group_features(cand: Candidate, group: list[Candidate]) -> list[str]:
    """How this reading compares with the cue's other readings."""
    opt = cand.option
    lengths = sorted({c.end - c.start for c in group})
    size = cand.end - cand.start
    rank = (
        "only"
        if len(lengths) == 1
        else "shortest"
        if size == lengths[0]
        else "longest"
        if size == lengths[-1]
        else "mid"
    )
    quote_options = any(c.option.startswith("quote") for c in group)
    return [f"rank={rank}|opt={opt}", f"quote_option={quote_options}|opt={opt}", f"verb={cand.has_verb}|opt={opt}"]


def features(doc: Doc, text: str, cand: Candidate, quoted: tuple[tuple[int, int], ...]) -> list[str]:
    return cue_invariant(doc, cand, quoted) + reading_features(doc, text, cand, quoted)


def cue_invariant(doc: Doc, cand: Candidate, quoted: tuple[tuple[int, int], ...]) -> list[str]:
    """The features every reading of one cue shares: they shift all its readings' scores alike."""
    cue = doc[cand.cue]
    lemma = token_lemma(cue)
    return [
        "bias",
        f"lemma={lemma}",
        f"dep={cue.dep_}",
        f"tag={cue.tag_}",
        f"cue_quoted={any(s <= cue.idx < e for s, e in quoted)}",
        f"neg={any(c.dep_ == 'neg' for c in cue.children)}",
        f"lemma={lemma}|dep={cue.dep_}",
        f"prev={_word(doc, cand.cue - 1)}",
    ]


def reading_features(doc: Doc, text: str, cand: Candidate, quoted: tuple[tuple[int, int], ...]) -> list[str]:
    """The features that tell one reading of a cue from another (option, content, source)."""
    cue = doc[cand.cue]
    lemma = token_lemma(cue)
    opt = cand.option
    content_text = text[cand.start : cand.end]
    n_tokens = content_text.count(" ") + 1
    src = _source_kind(doc, cand)
    cue_quoted = any(s <= cue.idx < e for s, e in quoted)
    whole_quote = any(s <= cand.start + 1 and cand.end - 1 <= e for s, e in quoted)
    has_quote = any(cand.start <= s < cand.end for s, _ in quoted)
    sents = 1 + sum(content_text.count(end) for end in _SENTENCE_ENDS)
    first = content_text.split(maxsplit=1)
    source = token_lemma(doc[cand.source]) if cand.source is not None else "<none>"
    return [
        f"opt={opt}",
        f"lemma={lemma}|opt={opt}",
        f"dep={cue.dep_}|opt={opt}",
        f"tag={cue.tag_}|opt={opt}",
        f"src={src}",
        f"src={src}|opt={opt}",
        f"lemma={lemma}|src={src.split('_')[0]}",
        f"len={_bucket(n_tokens)}|opt={opt}",
        f"cue_quoted={cue_quoted}|opt={opt}",
        f"whole_quote={whole_quote}|opt={opt}",
        f"has_quote={has_quote}|opt={opt}",
        f"sents={min(sents, 3)}|opt={opt}",
        f"first={content_text[:1].isupper()}|opt={opt}",
        f"suffix={lemma[-3:]}|opt={opt}",
        f"ends_q={content_text.rstrip()[-1:] == '?'}",
        f"next={_word(doc, cand.cue_end)}|opt={opt}",
        f"cfirst={first[0].lower() if first else ''}|opt={opt}",
        f"srclemma={source}",
    ]


def cue_features(doc: Doc, text: str, group: list[Candidate], quoted: tuple[tuple[int, int], ...]) -> list[str]:
    """Whether a token is an attribution cue at all, from the cue and the readings it allows."""
    first = group[0]
    cue = doc[first.cue]
    lemma = token_lemma(cue)
    src = _source_kind(doc, first)
    options = sorted({c.option.removesuffix("_core") for c in group})
    cue_quoted = any(s <= cue.idx < e for s, e in quoted)
    head = cue.head
    return [
        "bias",
        f"lemma={lemma}",
        f"dep={cue.dep_}",
        f"tag={cue.tag_}",
        f"lemma={lemma}|tag={cue.tag_}",
        f"lemma={lemma}|dep={cue.dep_}",
        f"src={src}",
        f"lemma={lemma}|src={src.split('_')[0]}",
        f"prev={_word(doc, first.cue - 1)}",
        f"next={_word(doc, first.cue_end)}",
        f"lemma={lemma}|next={_word(doc, first.cue_end)}",
        f"cue_quoted={cue_quoted}",
        f"head={token_lemma(head)}|dep={cue.dep_}",
        f"suffix={lemma[-3:]}",
        f"neg={any(c.dep_ == 'neg' for c in cue.children)}",
        f"srclemma={token_lemma(doc[first.source]) if first.source is not None else '<none>'}",
        *(f"has={o}" for o in options),
        *(f"lemma={lemma}|has={o}" for o in options),
        f"options={'+'.join(options)}",
    ]


def content_features(
    doc: Doc, text: str, cand: Candidate, group: list[Candidate], quoted: tuple[tuple[int, int], ...]
) -> list[str]:
    return features(doc, text, cand, quoted) + group_features(cand, group)


def ranking_features(
    doc: Doc, text: str, cand: Candidate, group: list[Candidate], quoted: tuple[tuple[int, int], ...]
) -> list[str]:
    """`content_features` without `cue_invariant`: the same ranking among one cue's readings, and
    every feature `with_best_reading` keeps."""
    return reading_features(doc, text, cand, quoted) + group_features(cand, group)


_BEST_READING_KEYS = ("opt=", "len=", "verb=", "whole_quote=", "has_quote=", "cfirst=", "rank=", "sents=")


def with_best_reading(cue_feats: list[str], best_content_feats: list[str]) -> list[str]:
    """Cue features plus what the cue's top-ranked reading looks like."""
    return cue_feats + ["best|" + f for f in best_content_feats if f.startswith(_BEST_READING_KEYS)]
