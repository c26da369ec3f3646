"""One line of an article as the cleaning features see it: its words, content stems and names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.clean.vocabulary import ENGLISH_STOPWORDS, STOPWORDS

WORD = re.compile(r"\w+")
TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$|[\"”’]$")  # a line that ends a sentence
_STEM = 5  # characters: "thermals" and "thermal" share their first five


@dataclass(frozen=True, slots=True)
class LineStats:
    """What the features need to know about one line, computed once per article."""

    text: str
    raw: tuple[str, ...]  # the words as written
    words: tuple[str, ...]  # the same, lower-cased
    content: frozenset[str]  # stems (first characters) of the content words
    names: frozenset[str]  # stems of capitalised words past the first: names, mostly
    stops: int  # function words (any language)
    english: int  # of which English ones


def line_stats(text: str) -> LineStats:
    raw = tuple(WORD.findall(text))
    words = tuple(w.lower() for w in raw)
    content = frozenset(w[:_STEM] for w in words if len(w) > 3 and w not in STOPWORDS and not w.isdigit())
    names = frozenset(w[:_STEM].lower() for w in raw[1:] if len(w) > 3 and w[0].isupper()) & content
    stops = english = 0
    for w in words:
        if w in STOPWORDS:
            stops += 1
            english += w in ENGLISH_STOPWORDS
    return LineStats(text=text, raw=raw, words=words, content=content, names=names, stops=stops, english=english)


def content_overlap(line: LineStats, other: LineStats | None) -> float:
    """Share of `line`'s content words that `other` uses too."""
    if other is None or not line.content:
        return 0.0
    return len(line.content & other.content) / len(line.content)


def headline_like(line: LineStats) -> bool:
    """3–20 words, no closing punctuation, mostly capitalised: a heading, a menu item or a headline."""
    n = len(line.words)
    if not 3 <= n <= 20 or TERMINAL.search(line.text):
        return False
    alpha = [w for w in line.raw if w[0].isalpha()]
    return bool(alpha) and sum(w[0].isupper() for w in alpha) >= 0.6 * len(alpha)
