"""The whole pure pipeline for one article: clean → language → nlp → entities → claims, and the body's
MinHash for near-duplicate links."""

from __future__ import annotations

from spacy.language import Language

from pipeline.claims import extract_claims
from pipeline.clean import clean
from pipeline.dedup import signature
from pipeline.entities import extract_entities
from pipeline.language import detect_language
from pipeline.models import ArticleResult, CleanArticle, RawArticle
from pipeline.nlp import article_zone
from pipeline.timing import timed


def process(article: RawArticle, nlp: Language) -> ArticleResult:
    """Run every stage over one article. Never raises for odd text; raises only on a broken model."""
    with timed("clean"):
        cleaned = clean(article)
    if not cleaned.text.strip():
        return _without_nlp(article, cleaned, "und", "empty")
    with timed("language"):
        language = detect_language(cleaned.text)
    if language != "en":
        return _without_nlp(article, cleaned, language, "skipped_language")
    with article_zone(nlp, cleaned.text):
        with timed("nlp"):
            doc = nlp(cleaned.text)
        with timed("entities"):
            entities = extract_entities(doc, cleaned.text)
        with timed("claims"):
            claims = extract_claims(doc, entities, cleaned.text)
    return ArticleResult(
        id=article.id,
        title=cleaned.title,
        text=cleaned.text,
        captions=cleaned.captions,
        language=language,
        entities=entities,
        claims=claims,
        url=article.url,
        minhash=_minhash(cleaned.text),
    )


def _minhash(text: str) -> tuple[int, ...] | None:
    with timed("dedup"):
        sig = signature(text)
    return sig.values if sig is not None else None


def _without_nlp(article: RawArticle, cleaned: CleanArticle, language: str, status: str) -> ArticleResult:
    return ArticleResult(
        id=article.id,
        title=cleaned.title,
        text=cleaned.text,
        captions=cleaned.captions,
        language=language,
        status=status,  # type: ignore[arg-type]
        url=article.url,
        minhash=_minhash(cleaned.text),
    )
