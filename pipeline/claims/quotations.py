"""Quotation marks → quoted passages (character spans), tolerant of odd or unbalanced marks."""

from __future__ import annotations

from dataclasses import dataclass

OPENERS = frozenset("“«„")
CLOSERS = frozenset("”»")
STRAIGHT = '"'
_BEFORE_OPEN = frozenset(" \n\t([{—–-:/")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A passage between quotation marks; `start`/`end` include the marks."""

    start: int
    end: int
    closed: bool

    @property
    def inner(self) -> tuple[int, int]:
        return self.start + 1, self.end - 1 if self.closed else self.end


def _mark_role(text: str, i: int) -> str | None:
    """'open', 'close' or None for the character at `i`."""
    ch = text[i]
    if ch in OPENERS:
        return "open"
    if ch in CLOSERS:
        return "close"
    if ch != STRAIGHT:
        return None
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
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
    for i, ch in enumerate(text):
        if ch == "\n" and start is not None and _paragraph_break(text, i):
            if not _next_paragraph_opens(text, i):
                found.append(Quotation(start, _trim_end(text, i), closed=False))
                start = None
            continue
        role = _mark_role(text, i) if ch in OPENERS or ch in CLOSERS or ch == STRAIGHT else None
        if role == "open" and start is None:
            start = i
        elif role == "close" and start is not None:
            found.append(Quotation(start, i + 1, closed=True))
            start = None
    if start is not None:
        found.append(Quotation(start, _trim_end(text, len(text)), closed=False))
    return tuple(q for q in found if q.end - q.start > 2)


def _paragraph_break(text: str, i: int) -> bool:
    return text.startswith("\n\n", i)


def _next_paragraph_opens(text: str, i: int) -> bool:
    j = i
    while j < len(text) and text[j].isspace():
        j += 1
    return j < len(text) and (text[j] in OPENERS or text[j] == STRAIGHT)


def _trim_end(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
