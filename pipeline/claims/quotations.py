"""Quotation marks → quoted passages (character spans), tolerant of odd or unbalanced marks."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

OPENERS = frozenset("“«„")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
_BEFORE_OPEN = frozenset(" \n\t([{—–-:/")
# The only characters the scan acts on: line breaks and anything that can start a mark
_SCAN_STOPS = re.compile("[\n\"'`" + "".join(OPENERS | CLOSERS) + "]")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A passage between quotation marks; `start`/`end` include the marks."""

    start: int
    end: int
    closed: bool
    mark: int = 1

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + self.mark, self.end - self.mark if self.closed else self.end


def _mark_role(text: str, i: int, width: int) -> str | None:
    """'open', 'close' or None for the mark of `width` characters at `i`."""
    ch = text[i]
    if ch in OPENERS or text.startswith("``", i):
        return "open"
    if ch in CLOSERS:
        return "close"
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    if before in _BEFORE_OPEN and not after.isspace():
        return "open"
    if not before.isspace():
        return "close"
    return "open" if not after.isspace() else None


def find_quotations(text: str) -> tuple[Quotation, ...]:
    """Quoted passages in order. A quote left open at a paragraph's end continues when the next
    paragraph opens with a mark (the news convention for multi-paragraph quotes), else ends there."""
    found: list[Quotation] = []
    start: int | None = None
    width = 1
    for stop in _SCAN_STOPS.finditer(text):
        i, ch = stop.start(), stop.group()
        if ch == "\n" and start is not None and _paragraph_break(text, i):
            if not _next_paragraph_opens(text, i):
                found.append(Quotation(start, _trim_end(text, i), closed=False, mark=width))
                start = None
            continue
        mark = _mark_width(text, i)
        role = _mark_role(text, i, mark) if mark else None
        if role == "open" and start is None:
            start, width = i, mark
        elif role == "close" and start is not None and i > start + width:
            found.append(Quotation(start, i + mark, closed=True, mark=width))
            start = None
        elif role == "close" and start is None and _opens_anyway(text, i, mark):
            start, width = i, mark
    if start is not None:
        found.append(Quotation(start, _trim_end(text, len(text)), closed=False, mark=width))
    return tuple(q for q in found if q.end - q.start > 2)


def _opens_anyway(text: str, i: int, width: int) -> bool:
    """A closing mark standing where an opening one belongs, with no quotation open: at a line's
    start or after a space or dash and right before a word (”We will win.” as some sites type it)."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + width] if i + width < len(text) else " "
    return before in _BEFORE_OPEN and after.isalnum()


def _mark_width(text: str, i: int) -> int:
    """Width of a quotation mark starting at `i` (two for ASCII '' and ``), 0 if none."""
    ch = text[i]
    if ch in OPENERS or ch in CLOSERS or ch == STRAIGHT:
        return 1
    if text.startswith("''", i) or text.startswith("``", i):
        return 0 if i > 0 and text[i - 1] in "'`" else 2
    return 0


def _paragraph_break(text: str, i: int) -> bool:
    return text.startswith("\n\n", i)


def _next_paragraph_opens(text: str, i: int) -> bool:
    j = i
    while j < len(text) and text[j].isspace():
        j += 1
    return j < len(text) and _mark_width(text, j) > 0


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


class QuotedSpans:
    """The insides of an article's quotations: character spans in text order that never overlap
    (each quotation closes before the next opens), so each question is one bisection."""

    __slots__ = ("ends", "starts")

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def covers(self, offset: int) -> bool:
        """Some span has start <= offset < end."""
        k = bisect.bisect_right(self.starts, offset)
        return k > 0 and offset < self.ends[k - 1]

    def within(self, start: int, end: int) -> bool:
        """Some span has span start <= start and end <= span end."""
        k = bisect.bisect_right(self.starts, start)
        return k > 0 and end <= self.ends[k - 1]

    def starts_in(self, start: int, end: int) -> bool:
        """Some span starts in [start, end)."""
        k = bisect.bisect_left(self.starts, start)
        return k < len(self.starts) and self.starts[k] < end


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """`start`-`end` (a quotation's inside) without trailing punctuation or surrounding whitespace."""
    while end > start and text[end - 1] in ",.;: \n":
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end
