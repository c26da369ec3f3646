"""HTML page → article body (v1: trafilatura, no network)."""

from __future__ import annotations

import trafilatura

from pipeline.clean.text import clean_text
from pipeline.models import CleanArticle


def clean_html(html: str) -> CleanArticle:
    body = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    title = meta.title if meta is not None else None
    cleaned = clean_text(body.replace("\n", "\n\n"))
    return CleanArticle(title=title, text=cleaned.text, captions=cleaned.captions, language=cleaned.language)
