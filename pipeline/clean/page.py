"""What a page holds besides the main text that extractors miss: embedded tweets and photo captions."""

from __future__ import annotations

from dataclasses import dataclass

import lxml.html

from pipeline.clean.captions import strip_credit
from pipeline.clean.normalize import normalize_text
from pipeline.clean.vocabulary import is_junk_phrase

_TWEETS = "//blockquote[contains(concat(' ', normalize-space(@class), ' '), ' twitter-tweet ')]"
_CAPTIONS = (
    "//figcaption | //*[contains(concat(' ', normalize-space(@class), ' '), ' wp-caption-text ')]"
    " | //*[contains(concat(' ', normalize-space(@class), ' '), ' caption ')][not(.//figcaption)]"
)
_ANCHOR_WORDS = 5
_MIN_CAPTION_WORDS = 5
_MAX_CAPTIONS = 30
_MAX_TWEETS = 50  # a story embeds a few (at most 5 on 88 news pages); each one placed costs a pass over the body


@dataclass(frozen=True, slots=True)
class EmbeddedTweet:
    """A tweet quoted in the story: its lines, and the page text right before it (where it goes)."""

    lines: tuple[str, ...]
    preceding: str


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(normalize_text(element.text_content()).split())


def _preceding_text(element: lxml.html.HtmlElement) -> str:
    """The nearest text of a few words before `element` in document order."""
    node: lxml.html.HtmlElement | None = element
    while node is not None:
        sibling = node.getprevious()
        while sibling is not None:
            text = _text(sibling) if isinstance(sibling.tag, str) else ""
            if len(text.split()) >= _ANCHOR_WORDS:
                return text
            sibling = sibling.getprevious()
        node = node.getparent()
    return ""


def _tweet_lines(quote: lxml.html.HtmlElement) -> tuple[str, ...]:
    """The tweet's paragraphs, then its signature line ("— Name (@handle) date")."""
    paragraphs = [text for text in (_text(p) for p in quote.iter("p")) if text]
    signature = _text(quote)
    for paragraph in paragraphs:
        signature = signature.replace(paragraph, " ", 1)
    return tuple(line for line in [*paragraphs, " ".join(signature.split())] if line)


def embedded_tweets(tree: lxml.html.HtmlElement) -> list[EmbeddedTweet]:
    """The page's first `_MAX_TWEETS` embedded tweets, in order. On a page with thousands (a tweet
    wall, or a broken page) placing each would cost time quadratic in their number; those past the
    limit stay in the body only where the extractor kept them."""
    tweets = []
    for quote in tree.xpath(_TWEETS)[:_MAX_TWEETS]:
        lines = _tweet_lines(quote)
        if lines:
            tweets.append(EmbeddedTweet(lines=lines, preceding=_preceding_text(quote)))
    return tweets


def page_captions(tree: lxml.html.HtmlElement) -> list[str]:
    """Photo captions on the page, without credit tails, in order, each once."""
    captions: list[str] = []
    for element in tree.xpath(_CAPTIONS)[: _MAX_CAPTIONS * 2]:
        caption = strip_credit(_text(element))
        words = len(caption.split())
        if words >= _MIN_CAPTION_WORDS and not is_junk_phrase(caption, words) and caption not in captions:
            captions.append(caption)
    return captions[:_MAX_CAPTIONS]
