"""The whole pure pipeline for one article: clean → language → nlp → entities → claims."""

from __future__ import annotations

from spacy.language import Language

from pipeline.claims import extract_claims
from pipeline.clean import clean
from pipeline.entities import extract_entities
from pipeline.language import detect_language
from pipeline.models import ArticleResult, CleanArticle, RawArticle


def process(article: RawArticle, nlp: Language) -> ArticleResult:
    """Run every stage over one article. Never raises for odd text; raises only on a broken model."""
    cleaned = clean(article)
    if not cleaned.text.strip():
        return _without_nlp(article, cleaned, "und", "empty")
    language = detect_language(cleaned.text)
    if language != "en":
        return _without_nlp(article, cleaned, language, "skipped_language")
    with nlp.memory_zone():
        doc = nlp(cleaned.text)
        entities = extract_entities(doc)
        claims = extract_claims(doc, entities)
    return ArticleResult(
        id=article.id,
        title=cleaned.title,
        text=cleaned.text,
        captions=cleaned.captions,
        language=language,
        entities=entities,
        claims=claims,
        url=article.url,
    )


def _without_nlp(article: RawArticle, cleaned: CleanArticle, language: str, status: str) -> ArticleResult:
    return ArticleResult(
        id=article.id,
        title=cleaned.title,
        text=cleaned.text,
        captions=cleaned.captions,
        language=language,
        status=status,  # type: ignore[arg-type]
        url=article.url,
    )
