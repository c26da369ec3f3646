"""Scraped plain text → article body without boilerplate lines (v1: a few line rules)."""

from __future__ import annotations

import re

from pipeline.models import CleanArticle

_JUNK = re.compile(
    r"^(click here\b|leave a (reply|comment)|your email address will not be published|advertisement$"
    r"|share (this|on)\b|follow us\b|sign up for\b|related:|read more\b)",
    re.IGNORECASE,
)
_CREDIT_TAIL = re.compile(r"\s*Credit:.*$")


def clean_text(raw: str) -> CleanArticle:
    paragraphs: list[str] = []
    captions: list[str] = []
    for line in raw.splitlines():
        line = " ".join(line.split())
        if not line or _JUNK.match(line):
            continue
        if "Credit:" in line:
            caption = _CREDIT_TAIL.sub("", line).strip()
            if caption:
                captions.append(caption)
            continue
        paragraphs.append(line)
    return CleanArticle(title=None, text="\n\n".join(paragraphs), captions=tuple(captions))
