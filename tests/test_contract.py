"""The message contract: what producers may send, and the errors they get when they break it."""

from __future__ import annotations

import pytest

from tasks.contract import TaskNames, validate_payload
from tasks.errors import InvalidArticle, NewsworkerError
from tests.articles import payload


def test_valid_payload_keeps_its_fields() -> None:
    article = validate_payload(payload(1))
    assert article.id == "story-001"
    assert article.text is not None and "bridge" in article.text


def test_integer_id_is_accepted_as_string() -> None:
    assert validate_payload({"id": 7, "text": "Some body text."}).id == "7"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"id": "a"}, "no body"),
        ({"id": "a", "text": "   \n "}, "no body"),
        ({"id": "a", "text": 42}, "text"),
        ({"id": "a", "text": "x", "colour": "red"}, "colour"),
        (["not", "an", "object"], "JSON object"),
    ],
)
def test_bad_payload_is_refused_with_a_clear_error(data: object, message: str) -> None:
    with pytest.raises(InvalidArticle, match=message):
        validate_payload(data)


def test_oversize_article_is_refused() -> None:
    with pytest.raises(InvalidArticle, match="over the 100-byte limit"):
        validate_payload({"text": "x" * 101}, max_bytes=100)


def test_invalid_article_is_a_newsworker_error() -> None:
    assert issubclass(InvalidArticle, NewsworkerError)


def test_content_hash_is_stable_and_content_sensitive() -> None:
    a, b = validate_payload(payload(1)), validate_payload(payload(1))
    assert a.content_hash() == b.content_hash()
    assert a.content_hash() != validate_payload(payload(2)).content_hash()


def test_task_name_is_namespaced() -> None:
    assert TaskNames.PROCESS == "newsworker.process_article"
