"""Cleaning stage: raw HTML or scraped text → article body, title and captions."""

from __future__ import annotations

from pipeline.clean.html import clean_html
from pipeline.clean.text import clean_text
from pipeline.models import CleanArticle, RawArticle

__all__ = ["clean", "clean_html", "clean_text"]


def clean(article: RawArticle) -> CleanArticle:
    """Clean whichever body the article carries (HTML wins when both are present)."""
    if article.html is not None and article.html.strip():
        cleaned = clean_html(article.html)
    else:
        cleaned = clean_text(article.text or "")
    title = article.title or cleaned.title
    return CleanArticle(title=title, text=cleaned.text, captions=cleaned.captions, language=cleaned.language)
