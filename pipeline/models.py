"""Frozen data shapes passed between pipeline stages and handed to storage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

QuoteStyle = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article as a producer sent it: exactly one of `text` / `html` carries the body."""

    id: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class CleanArticle:
    """The article body after cleaning: paragraphs joined by blank lines, captions kept apart."""

    title: str | None
    text: str
    captions: tuple[str, ...] = ()
    language: str = "en"


@dataclass(frozen=True, slots=True)
class Span:
    """A verbatim slice of the cleaned text: `text == article_text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world thing in the article with every mention merged under its canonical name."""

    name: str
    label: str
    mentions: tuple[Span, ...]
    salience: float = 0.0


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to; `entity` is the canonical name it resolves to, if any."""

    text: str
    start: int
    end: int
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """An attribution: `speaker` said (`cue`) `content`."""

    style: QuoteStyle
    content: Span
    speaker: Speaker | None
    cue: Span | None
    kind: Literal["quote"] = "quote"


@dataclass(frozen=True, slots=True)
class FactualClaim:
    """A check-worthy statement of fact outside any attribution; `score` is in [0, 1]."""

    content: Span
    score: float
    kind: Literal["factual"] = "factual"


Claim = Quote | FactualClaim


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """Everything the pipeline learned about one article."""

    id: str | None
    title: str | None
    text: str
    captions: tuple[str, ...]
    language: str
    entities: tuple[Entity, ...] = ()
    claims: tuple[Claim, ...] = ()
    status: Literal["processed", "skipped_language", "empty"] = "processed"
    url: str | None = None
    minhash: tuple[int, ...] | None = None  # `pipeline.dedup` signature of `text`, for near-duplicate links
