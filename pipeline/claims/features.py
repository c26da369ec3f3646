"""Feature strings describing one attribution candidate, for the learned scorer."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.claims.candidates import Candidate

_PERSONISH = frozenset({"PERSON", "ORG", "NORP", "GPE"})


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
    if src.pos_ == "PRON":
        return "pron_" + src.lower_
    return src.pos_


def features(doc: Doc, cand: Candidate, quoted: tuple[tuple[int, int], ...]) -> list[str]:
    cue = doc[cand.cue]
    lemma = cue.lemma_.lower()
    opt = cand.option
    content = doc.char_span(cand.start, cand.end, alignment_mode="expand")
    n_tokens = len(content) if content is not None else 0
    text = doc.text[cand.start : cand.end]
    src = _source_kind(doc, cand)
    cue_quoted = any(s <= cue.idx < e for s, e in quoted)
    whole_quote = any(s <= cand.start + 1 and cand.end - 1 <= e for s, e in quoted)
    has_quote = any(cand.start <= s < cand.end for s, _ in quoted)
    sents = len({t.sent.start for t in content}) if content is not None else 0
    neg = any(c.dep_ == "neg" for c in cue.children)
    return [
        "bias", f"opt={opt}", f"lemma={lemma}", f"lemma={lemma}|opt={opt}", f"dep={cue.dep_}",
        f"dep={cue.dep_}|opt={opt}", f"tag={cue.tag_}", f"tag={cue.tag_}|opt={opt}", f"src={src}",
        f"src={src}|opt={opt}", f"lemma={lemma}|src={src.split('_')[0]}", f"len={_bucket(n_tokens)}|opt={opt}",
        f"cue_quoted={cue_quoted}", f"cue_quoted={cue_quoted}|opt={opt}", f"whole_quote={whole_quote}|opt={opt}",
        f"has_quote={has_quote}|opt={opt}", f"sents={min(sents, 3)}|opt={opt}", f"neg={neg}",
        f"lemma={lemma}|dep={cue.dep_}", f"first={text[:1].isupper()}|opt={opt}",
        f"suffix={lemma[-3:]}|opt={opt}", f"ends_q={text.rstrip()[-1:] == '?'}",
    ]
