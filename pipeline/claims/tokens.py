"""Per-document token facts read once (spaCy rebuilds a Token object on every `doc[i]`).

The claims rules ask thousands of questions per article (a token's head, dependency, children,
lemma); answering them from plain lists costs a fraction of building Token objects for them.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate

import numpy as np
from spacy.tokens import Doc

from pipeline.lemma import lemma, pos_list

_QUOTE_CHARS = frozenset("\"“”'‘’«»")
_VERBISH = frozenset({"VERB", "AUX"})
CLAUSE_PUNCT = frozenset({",", ";", "—", "--", "–", "―", "-"})
_ATTRS: list[int | str] = ["ORTH", "LOWER", "TAG", "DEP", "ENT_TYPE", "HEAD", "IDX", "IS_SPACE", "SENT_START"]
_STRINGS: dict[int, str] = {}  # string hash → string: the same in every vocab, so shared
_MAX_STRINGS = 500_000


def _strings(doc: Doc, hashes: list[int]) -> list[str]:
    if len(_STRINGS) > _MAX_STRINGS:
        _STRINGS.clear()
    out = list(map(_STRINGS.get, hashes))
    if None in out:
        store = doc.vocab.strings
        for k, h in enumerate(hashes):
            if out[k] is None:
                out[k] = _STRINGS[h] = store[h]
    return out  # type: ignore[return-value]  # no None is left


SENTENCE_END = re.compile(r"[.?!] |\.[\n”\"]")  # ". ", "? ", "! ", ".\n", ".”", '."': none overlaps another


class TextMarks:
    """Where a text has spaces and sentence ends, to count them in any slice by bisection
    (counting in each slice is quadratic when many long readings share one long sentence)."""

    __slots__ = ("_ends", "_spaces", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        self._spaces: list[int] | None = None  # read when a long slice is first asked about
        self._ends = [m.start() for m in SENTENCE_END.finditer(text)]

    def spaces(self, start: int, end: int) -> int:
        """text[start:end].count(" ")"""
        if end - start < _LONG_SLICE:
            return self._text.count(" ", start, end)
        if self._spaces is None:
            self._spaces = [m.start() for m in re.finditer(" ", self._text)]
        return bisect.bisect_left(self._spaces, end) - bisect.bisect_left(self._spaces, start)

    def sentence_ends(self, start: int, end: int) -> int:
        """How many of ". ", "? ", "! ", ".\n", ".”", '."' text[start:end] holds."""
        return bisect.bisect_left(self._ends, end - 1) - bisect.bisect_left(self._ends, start)


_LONG_SLICE = 2000  # characters: shorter slices are counted directly


@dataclass(frozen=True, slots=True)
class DocTokens:
    """Words, tags, parse and coarse POS of one doc, with the positions the candidate rules search.
    Subtree edges and lemmas are read on first use and kept (`left_edge`, `right_edge`, `lemma`)."""

    doc: Doc
    text: str
    texts: list[str]
    lowers: list[str]
    tags: list[str]
    deps: list[str]
    ent_types: list[str]
    heads: list[int]
    children: list[list[int]]  # per token: its children in text order (as Token.children)
    pos: list[str]
    is_space: list[bool]
    idx: list[int]
    sentences: list[tuple[int, int]]  # per token: its sentence's token range [start, end)
    sentence_bounds: list[tuple[int, int]]  # each sentence's token range, in order
    verbs_before: tuple[int, ...]  # verbs_before[i]: VERB/AUX tokens among the first i
    quote_marks: tuple[int, ...]  # one-character quotation marks, in order
    clause_punct: tuple[int, ...]  # commas, semicolons, dashes and hyphens standing as tokens, in order
    _left: list[int]  # -1 until read
    _right: list[int]
    _lemmas: list[str | None]
    _marks: list[TextMarks]  # empty until `text_marks` is first asked

    @classmethod
    def of(cls, doc: Doc, text: str | None = None) -> DocTokens:
        """`text`: doc.text when the caller has it (a Doc rebuilds its text on every access)."""
        n = len(doc)
        arr = doc.to_array(_ATTRS)
        texts = _strings(doc, arr[:, 0].tolist())
        lowers = _strings(doc, arr[:, 1].tolist())
        tags = _strings(doc, arr[:, 2].tolist())
        deps = _strings(doc, arr[:, 3].tolist())
        ent_types = _strings(doc, arr[:, 4].tolist())
        heads: list[int] = (arr[:, 5].astype(np.int64) + np.arange(n, dtype=np.int64)).tolist()
        idx: list[int] = arr[:, 6].tolist()
        spaces: list[bool] = arr[:, 7].astype(bool).tolist()
        children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i:
                children[h].append(i)
        pos = pos_list(tags, lowers, deps, spaces)
        verbs = tuple(accumulate((p in _VERBISH for p in pos), initial=0))
        marks = tuple(i for i, t in enumerate(texts) if len(t) == 1 and t in _QUOTE_CHARS)
        clause_punct = tuple(i for i, t in enumerate(texts) if t in CLAUSE_PUNCT)
        sentences: list[tuple[int, int]] = []
        starts = [i for i, flag in enumerate(arr[:, 8].astype(np.int64).tolist()) if flag == 1 and i > 0]
        bounds = list(zip([0, *starts], [*starts, n], strict=True)) if n else []  # as doc.sents cuts
        for bound in bounds:
            sentences.extend([bound] * (bound[1] - bound[0]))
        return cls(
            doc,
            doc.text if text is None else text,
            texts,
            lowers,
            tags,
            deps,
            ent_types,
            heads,
            children,
            pos,
            spaces,
            idx,
            sentences,
            bounds,
            verbs,
            marks,
            clause_punct,
            [-1] * n,
            [-1] * n,
            [None] * n,
            [],
        )

    def __len__(self) -> int:
        return len(self.texts)

    def has_verb(self, start: int, end: int) -> bool:
        return self.verbs_before[end] > self.verbs_before[start]

    def quote_marks_in(self, start: int, end: int) -> tuple[int, ...]:
        lo = bisect.bisect_left(self.quote_marks, start)
        hi = bisect.bisect_left(self.quote_marks, end)
        return self.quote_marks[lo:hi]

    def left_edge(self, i: int) -> int:
        """Token.left_edge.i: the parser's first token of i's subtree (read from spaCy: it differs
        from the subtree's extent on a few non-projective parses)."""
        return self._edges(i)[0]

    def right_edge(self, i: int) -> int:
        """Token.right_edge.i, as `left_edge`."""
        return self._edges(i)[1]

    def _edges(self, i: int) -> tuple[int, int]:
        if self._left[i] < 0:
            token = self.doc[i]
            self._left[i] = token.left_edge.i
            self._right[i] = token.right_edge.i
        return self._left[i], self._right[i]

    def lemma(self, i: int) -> str:
        found = self._lemmas[i]
        if found is None:
            found = self._lemmas[i] = lemma(self.lowers[i], self.tags[i])
        return found

    def text_marks(self) -> TextMarks:
        if not self._marks:
            self._marks.append(TextMarks(self.text))
        return self._marks[0]

    def lefts(self, i: int) -> list[int]:
        return [c for c in self.children[i] if c < i]

    def rights(self, i: int) -> list[int]:
        return [c for c in self.children[i] if c > i]

    def end_char(self, i: int) -> int:
        return self.idx[i] + len(self.texts[i])
