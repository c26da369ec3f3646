"""Per-document token facts read once (spaCy rebuilds a Token object on every `doc[i]`)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc

from pipeline.lemma import coarse_pos

_QUOTE_CHARS = frozenset("\"“”'‘’«»")
_VERBISH = frozenset({"VERB", "AUX"})


@dataclass(frozen=True, slots=True)
class DocTokens:
    """Words, tags and coarse POS of one doc, with the positions the candidate rules search."""

    texts: tuple[str, ...]
    lowers: tuple[str, ...]
    tags: tuple[str, ...]
    pos: tuple[str, ...]
    is_space: tuple[bool, ...]
    idx: tuple[int, ...]
    sentences: tuple[tuple[int, int], ...]  # per token: its sentence's token range [start, end)
    verbs_before: tuple[int, ...]  # verbs_before[i]: VERB/AUX tokens among the first i
    quote_marks: tuple[int, ...]  # one-character quotation marks, in order

    @classmethod
    def of(cls, doc: Doc) -> DocTokens:
        texts, lowers, tags, pos, spaces, idx = [], [], [], [], [], []
        for token in doc:
            texts.append(token.text)
            lowers.append(token.lower_)
            tags.append(token.tag_)
            pos.append(coarse_pos(token))
            spaces.append(token.is_space)
            idx.append(token.idx)
        verbs = tuple(accumulate((p in _VERBISH for p in pos), initial=0))
        marks = tuple(i for i, t in enumerate(texts) if len(t) == 1 and t in _QUOTE_CHARS)
        sentences: list[tuple[int, int]] = []
        for sent in doc.sents:
            sentences.extend([(sent.start, sent.end)] * (sent.end - sent.start))
        return cls(
            tuple(texts),
            tuple(lowers),
            tuple(tags),
            tuple(pos),
            tuple(spaces),
            tuple(idx),
            tuple(sentences),
            verbs,
            marks,
        )

    def has_verb(self, start: int, end: int) -> bool:
        return self.verbs_before[end] > self.verbs_before[start]

    def quote_marks_in(self, start: int, end: int) -> tuple[int, ...]:
        lo = bisect.bisect_left(self.quote_marks, start)
        hi = bisect.bisect_left(self.quote_marks, end)
        return self.quote_marks[lo:hi]
