"""NER spans → clean mentions: no titles, no 'the', no possessives, no caption or credit debris."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from pipeline.entities.names import GPE_ACRONYMS, TITLES, initials, is_acronym, strip_possessive

LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
_DEBRIS = re.compile(r"\d[A-Za-z]{3,}|getty|reuters/|photo:|\|", re.IGNORECASE)
_JOB_WORDS = frozenset({"secretary", "minister", "department", "ministry", "chief", "spokesman", "spokeswoman"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One cleaned mention of a named thing; `label` is the NER label after repairs."""

    text: str
    start: int
    end: int
    label: str


def _strip_front(ent: SpacySpan) -> int:
    """Index of the first token after leading articles and (for people) titles."""
    i = ent.start
    while i < ent.end - 1 and (
        ent.doc[i].lower_ == "the"
        or (ent.label_ == "PERSON" and ent.doc[i].lower_.rstrip(".") in {t.rstrip(".") for t in TITLES})
    ):
        i += 1
    return i


def _is_debris(ent: SpacySpan, text: str) -> bool:
    if not any(c.isalpha() for c in text) or _DEBRIS.search(text) or text.lower() == "credit":
        return True
    if text[:1].islower():
        return True
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    # a department word before a job title ("Defense Secretary") is part of the title, not an org
    return len(ent) == 1 and ent.label_ == "ORG" and nxt is not None and nxt.lower_ in _JOB_WORDS


def repaired_label(ent: SpacySpan, text: str) -> str:
    """Fix labels the small model gets wrong in news: acronyms of outlets or groups as places."""
    if ent.label_ == "GPE" and is_acronym(text) and text.isupper() and text.lower() not in GPE_ACRONYMS:
        return "ORG"
    return str(ent.label_)


def clean_mention(ent: SpacySpan) -> Mention | None:
    doc = ent.doc
    first = _strip_front(ent)
    span = doc[first : ent.end]
    text = strip_possessive(span.text)
    if not text or _is_debris(ent, text):
        return None
    return Mention(text, span.start_char, span.start_char + len(text), repaired_label(ent, text))


def parenthesised_acronyms(doc: Doc, text: str) -> dict[str, tuple[int, int]]:
    """'Syrian Democratic Forces (SDF)' → {'SDF': char span of the expansion before it}."""
    found: dict[str, tuple[int, int]] = {}
    for m in re.finditer(r"\(([A-Za-z][A-Za-z.]{1,7})\)", text):
        acronym = m.group(1).replace(".", "").upper()
        words = list(re.finditer(r"[\w’'-]+", text[max(0, m.start() - 120) : m.start()]))
        offset = max(0, m.start() - 120)
        for k in range(len(words) - 1, max(-1, len(words) - 9), -1):
            candidate = text[offset + words[k].start() : offset + words[-1].end()]
            if words[k].group()[:1].isupper() and initials(candidate) == acronym:
                found[m.group(1)] = (offset + words[k].start(), offset + words[-1].end())
                break
    return found


def mentions(doc: Doc, text: str) -> list[Mention]:
    """Clean mentions; parenthesised expansions replace the NER pieces inside them."""
    expansions = parenthesised_acronyms(doc, text)
    spans = sorted(expansions.values())
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in LABELS or any(s <= ent.start_char and ent.end_char <= e for s, e in spans):
            continue
        mention = clean_mention(ent)
        if mention is not None and mention.text in expansions:
            mention = Mention(mention.text, mention.start, mention.end, _expansion_label(doc, mention.text))
        if mention is not None:
            out.append(mention)
    for acronym, (s, e) in expansions.items():
        out.append(Mention(text[s:e], s, e, _expansion_label(doc, acronym)))
    return sorted(out, key=lambda m: m.start)


def _expansion_label(doc: Doc, acronym: str) -> str:
    for ent in doc.ents:
        if ent.text == acronym and ent.label_ in ("ORG", "GPE", "LOC", "FAC", "NORP"):
            return "GPE" if ent.label_ == "GPE" and acronym.lower() in GPE_ACRONYMS else "ORG"
    return "ORG"
