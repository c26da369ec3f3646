"""Task names and the article payload schema: the whole contract between producers and workers."""

from __future__ import annotations

import hashlib
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from tasks.errors import InvalidArticle

DEFAULT_MAX_ARTICLE_BYTES = 5_000_000
QUEUE = "articles"


class TaskNames(StrEnum):
    PROCESS = "newsworker.process_article"


class ArticlePayload(BaseModel):
    """One article as a crawler sends it. Exactly the fields below; `text` or `html` is required."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    id: str | None = None
    url: str | None = None
    title: str | None = None
    text: str | None = None
    html: str | None = None
    published: str | None = None
    source: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_string(cls, value: Any) -> Any:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _has_body(self) -> ArticlePayload:
        if not (self.text and self.text.strip()) and not (self.html and self.html.strip()):
            raise ValueError("the article has no body: give a non-empty `text` or `html`")
        return self

    def body_bytes(self) -> int:
        return len((self.text or "").encode()) + len((self.html or "").encode())

    def content_hash(self) -> str:
        """Stable identity of the article's content: same body (and url) → same hash."""
        digest = hashlib.sha256()
        for part in (self.url or "", self.title or "", self.text or "", self.html or ""):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\x00")
        return digest.hexdigest()


def validate_payload(data: Any, max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES) -> ArticlePayload:
    """Validate a producer's payload or raise `InvalidArticle` saying what is wrong."""
    if not isinstance(data, dict):
        raise InvalidArticle(f"an article payload must be a JSON object, got {type(data).__name__}")
    try:
        payload = ArticlePayload.model_validate(data)
    except ValidationError as err:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'article'}: {e['msg']}" for e in err.errors())
        raise InvalidArticle(f"invalid article {data.get('id') or data.get('url') or ''}: {problems}") from None
    size = payload.body_bytes()
    if size > max_bytes:
        raise InvalidArticle(
            f"article {payload.id or payload.url or ''} is {size:,} bytes, over the {max_bytes:,}-byte limit "
            "(MAX_ARTICLE_BYTES)"
        )
    return payload
