"""Plain text → paragraph candidates: blank lines separate blocks, hard-wrapped prose is rejoined."""

from __future__ import annotations

import re

_BLANK = re.compile(r"\n\s*\n")
_SENTENCE_CLOSERS = frozenset('.!?:;…"”’)]')  # a line ending in none of these stops mid-sentence
_WRAP_MIN = 55  # characters: shorter lines are their own paragraphs (list items, headings)


def _is_wrapped(lines: list[str]) -> bool:
    """Every line but the last fills most of one width: a paragraph broken by a fixed-width wrap."""
    body = lines[:-1]
    widest = max(len(line) for line in body)
    return widest >= _WRAP_MIN and all(len(line) >= 0.7 * widest for line in body)


def _join_continuations(lines: list[str]) -> list[str]:
    """Glue a line to the previous one when the previous stops mid-sentence and this goes on in lower
    case. Glued lines are joined once at the end, and only the last character of the line before is
    looked at: thousands of glued lines cost linear time."""
    out: list[list[str]] = []
    for line in lines:
        if out and out[-1][-1][-1:] not in _SENTENCE_CLOSERS and line[:1].islower():
            out[-1].append(line)
        else:
            out.append([line])
    return [" ".join(parts) for parts in out]


def split_blocks(text: str) -> list[str]:
    """Paragraph candidates in order; `text` is already normalised (one space, stripped lines)."""
    paragraphs: list[str] = []
    for block in _BLANK.split(text):
        lines = [line for line in block.split("\n") if line]
        if not lines:
            continue
        if len(lines) > 1 and _is_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(_join_continuations(lines))
    return paragraphs
