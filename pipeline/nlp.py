"""Loading the spaCy model: done once per process by the caller, never at import time."""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Literal

import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import use_ops
from threadpoolctl import threadpool_limits

Matmul = Literal["numpy", "blis"]


PARAGRAPHS = "newsworker_paragraphs"


@Language.component(PARAGRAPHS)
def paragraph_starts(doc: Doc) -> Doc:
    """Start a sentence at each line's first word. The parser keeps sentence starts set before it
    and otherwise often runs a sentence across a line break (a dateline, a time stamp, a headline
    into the paragraph under it), so a speaker or a content could reach into another paragraph."""
    if len(doc) < 2:
        return doc
    spaces = doc.to_array(IS_SPACE).tolist()
    line_starts = [i for i in range(1, len(doc)) if spaces[i - 1] and not spaces[i] and "\n" in doc[i - 1].text]
    for i in line_starts:
        doc[i].is_sent_start = True
    for i in (0, *line_starts):
        after = _dateline_end(doc, i)
        if after is not None:
            for k in range(i + 1, after):
                doc[k].is_sent_start = False  # "PORT | ELLIS" stays one place
            doc[after].is_sent_start = True
    return doc


_DASHES = frozenset({"—", "--", "―", "-", "–"})
_STATE = re.compile(r"[A-Z][a-z]{1,4}\.$")  # AP's state abbreviations after the place: "Ore.", "Calif."
_DATELINE_WORDS = 6  # "BEDFORD, N.H. (AP) —": place words, commas and an agency in parentheses


def _dateline_end(doc: Doc, start: int) -> int | None:
    """The token after a wire dateline opening a line ("WASHINGTON (AP) — President ..."), so the
    place name starts no sentence with the story's first words (the parser made it their subject)."""
    i, end = start, min(len(doc), start + _DATELINE_WORDS + 4)
    capitals = 0
    while i < end and (
        doc[i].text.isupper()
        or doc[i].text in (",", ".")
        or (i > start and doc[i - 1].text == "," and _STATE.match(doc[i].text))
    ):
        capitals += doc[i].text.isalpha() and doc[i].text.isupper() and len(doc[i].text) > 1
        i += 1
    if not capitals or i - start > _DATELINE_WORDS:
        return None
    if i + 2 < end and doc[i].text == "(" and doc[i + 2].text == ")":
        i += 3
    if i + 1 < len(doc) and doc[i].text in _DASHES and not doc[i + 1].is_space:
        return i + 1
    return None


def load_nlp(model: str, exclude: Sequence[str] = (), *, matmul: Matmul = "blis", paragraphs: bool = True) -> Language:
    """Load `model` (a package name or a path) without the components listed in `exclude`.

    `matmul` picks who multiplies the models' matrices (the token-to-vector layers and the parser's
    and NER's input layers, ≈ 40% of a parse): "blis" is spaCy's default; "numpy" is thinc's
    `NumpyOps(use_blis=False)`, numpy's BLAS (OpenBLAS in numpy's wheels), which on the 2-core AMD VM
    this was measured on did the same products 3–4× faster, with identical annotations. The choice is
    fixed when the model is built, so it holds for this model only.

    `paragraphs`: add `paragraph_starts` before the parser (off only for the bare-spaCy benchmark).
    """
    with use_ops("numpy", use_blis=matmul == "blis"):
        nlp = spacy.load(model, exclude=list(exclude))
    if paragraphs and "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPHS, before="parser")
    return nlp


def limit_blas_threads(threads: int) -> None:
    """Cap the threads numpy's BLAS may start in this process. A worker runs one process per core, so
    a BLAS that also spread each product over every core would only make the processes fight."""
    threadpool_limits(limits=threads, user_api="blas")


# Lexemes a process keeps across articles. spaCy creates a lexeme (and its norm, shape, prefix and
# suffix strings) for every new word; inside `memory_zone` they are dropped after each article and
# made again for the next, which cost ≈ 7% of the parse on a fresh process. The words of the first
# articles are kept until the process has made this many lexemes (`len(vocab)` counts every lexeme
# ever made; ≈ 25 MB at most), then every article runs in a zone, so memory stays flat however many
# articles follow.
KEPT_LEXEMES = 30_000
_KEEP_MAX_CHARS = 20_000  # a longer article could push the vocabulary far past the cap at once


def article_zone(nlp: Language, text: str) -> AbstractContextManager[object]:
    """The scope to parse `text` in: a memory zone once the process has kept enough common words."""
    if len(nlp.vocab) < KEPT_LEXEMES and len(text) <= _KEEP_MAX_CHARS:
        return nullcontext()
    return nlp.memory_zone()
