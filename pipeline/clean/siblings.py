"""A cheap second opinion on the same tree: paragraphs the extractor skipped inside its own containers.

Article bodies are often split into several blocks of one kind (chunks between ads); extractors keep
the first and lose the rest. A paragraph whose parent looks like the parents of paragraphs the
extractor kept, long and not a list of links, belongs to the body too.
"""

from __future__ import annotations

import re
from collections import Counter

import lxml.html

from pipeline.clean.normalize import normalize_text

_WORD = re.compile(r"\w+")
_MIN_WORDS = 12
_MAX_LINK_SHARE = 0.3
_MIN_KEPT_SIBLINGS = 3
_MIN_MISSED = 3  # a container kind counts once it holds this many kept paragraphs


def _key(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _signature(element: lxml.html.HtmlElement) -> tuple[str, str]:
    parent = element.getparent()
    if parent is None:
        return ("", "")
    return (str(parent.tag), " ".join(sorted((parent.get("class") or "").split())))


def _link_share(element: lxml.html.HtmlElement, length: int) -> float:
    linked = sum(len(a.text_content()) for a in element.iter("a"))
    return linked / length if length else 1.0


def missed_paragraphs(tree: lxml.html.HtmlElement, kept: list[str]) -> list[tuple[int, str]]:
    """(index of the kept line to insert after, paragraph) for each body paragraph the extractor missed."""
    index = {_key(line): i for i, line in enumerate(kept)}
    paragraphs = [(p, " ".join(normalize_text(p.text_content()).split())) for p in tree.iter("p")]
    kinds = Counter(_signature(p) for p, text in paragraphs if _key(text) in index and _key(text))
    top = kinds.most_common(1)
    body_kinds = {kind for kind, count in top if count >= _MIN_KEPT_SIBLINGS and kind[0]}
    seen = " " + " ".join(index) + " "  # everything already kept, to skip parts of kept lines
    missed: list[tuple[int, str]] = []
    last = -1
    for p, text in paragraphs:
        key = _key(text)
        if key in index:
            last = index[key]
        elif (
            key
            and f" {key} " not in seen
            and _signature(p) in body_kinds
            and len(key.split()) >= _MIN_WORDS
            and _link_share(p, len(p.text_content())) <= _MAX_LINK_SHARE
        ):
            missed.append((last, text))
            seen += key + " "
    # one stray paragraph is a teaser or an "about us"; a lost chunk of the body is several
    return missed if len(missed) >= _MIN_MISSED else []


def with_missed(kept: list[str], missed: list[tuple[int, str]]) -> list[str]:
    """`kept` with each missed paragraph placed after the kept line that precedes it on the page."""
    after: dict[int, list[str]] = {}
    for at, text in missed:
        after.setdefault(at, []).append(text)
    out = after.get(-1, [])[:]
    for i, line in enumerate(kept):
        out.append(line)
        out.extend(after.get(i, []))
    return out
