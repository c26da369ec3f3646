"""Other stories' headlines dropped between an article's paragraphs (related-article links)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pipeline.clean.lines import TERMINAL, LineStats, content_overlap, headline_like

_STRAY_WORDS = (4, 16)
_STRAY_NOVEL = 0.6  # share of a headline's content words found nowhere else in the article
_STRAY_NEIGHBOUR_WORDS = 6
_STRAY_LOOKAHEAD = 2  # lines after a subheading that talk about its topic
_STRAY_MAX_PER_ARTICLE = 3  # more is a roundup whose body is headlines, or the rule misfiring on a layout


def _title_cased(line: LineStats) -> bool:
    """Every word longer than three letters capitalised, and at least three of them: a headline's case."""
    long_words = [w for w in line.raw if len(w) > 3 and w[0].isalpha()]
    return len(long_words) >= 3 and all(w[0].isupper() for w in long_words) and not line.text.isupper()


def _prose_like(line: LineStats) -> bool:
    """Running text (not a heading, a list of headlines or a table row): long enough, with function words."""
    return len(line.words) >= _STRAY_NEIGHBOUR_WORDS and line.english > 0 and not headline_like(line)


def _stray_headline(lines: Sequence[LineStats], index: int, counts: Counter[str]) -> bool:
    """Another story's headline dropped between two paragraphs (a related-article link).

    Title case, no closing punctuation, and about things the article never mentions again; a subheading
    shares its words with the story, above all with the paragraphs it opens.
    """
    line = lines[index]
    if not 0 < index < len(lines) - 1 or not _STRAY_WORDS[0] <= len(line.words) <= _STRAY_WORDS[1]:
        return False
    text = line.text
    if not text[:1].isalnum() or TERMINAL.search(text) or text.endswith(":") or not _title_cased(line):
        return False
    if not (_prose_like(lines[index - 1]) and _prose_like(lines[index + 1])):
        return False
    if any(content_overlap(line, after) for after in lines[index + 1 : index + 1 + _STRAY_LOOKAHEAD]):
        return False
    novel = sum(counts[w] <= 1 for w in line.content)
    return novel >= _STRAY_NOVEL * len(line.content)


def stray_headlines(lines: Sequence[LineStats], counts: Counter[str]) -> list[float]:
    """1.0 for each stray headline; none at all in an article with more than a few (a roundup of headlines)."""
    flags = [_stray_headline(lines, i, counts) for i in range(len(lines))]
    return [float(flag) for flag in flags] if sum(flags) <= _STRAY_MAX_PER_ARTICLE else [0.0] * len(lines)
