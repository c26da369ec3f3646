"""HTML page → article body: trafilatura on one parsed tree, plus what it misses (tweets, captions)."""

from __future__ import annotations

import re

import lxml.html
import trafilatura
from lxml.etree import LxmlError, ParserError

from pipeline.clean.normalize import normalize_text
from pipeline.clean.page import EmbeddedTweet, embedded_tweets, page_captions
from pipeline.clean.siblings import missed_paragraphs, with_missed
from pipeline.clean.text import clean_lines, is_rule_junk
from pipeline.clean.visible import visible_lines
from pipeline.models import CleanArticle

_WORD = re.compile(r"\w+")
_MAX_HEADLINE_CHARS = 200
_MIN_BODY_WORDS = 25  # below this the extractor found nothing: fall back to the page's own lines


def _words(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def parse_html(html: str) -> lxml.html.HtmlElement | None:
    """The page's tree, or None when there is nothing to parse. Never fetches anything."""
    try:
        tree = trafilatura.load_html(html)
    except (ParserError, ValueError):
        return None
    return unwrap_inline_runs(tree) if isinstance(tree, lxml.html.HtmlElement) else None


# Inline elements that only carry text: unwrapping one keeps its words where they were
_TEXT_INLINE = frozenset(
    {
        *("a", "abbr", "b", "cite", "code", "em", "font", "i", "label", "mark"),
        *("q", "s", "small", "span", "strong", "sub", "sup", "time", "u"),
    }
)
_NO_TEXT = frozenset({"img", "wbr", "input", "source", "track"})  # empty elements no extractor reads
_UNWRAPPED = _TEXT_INLINE | _NO_TEXT
_MAX_INLINE_CHILDREN = 1000  # the most seen in one element of 88 news pages: 227


def unwrap_inline_runs(tree: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The tree with the children of any element that holds `_MAX_INLINE_CHILDREN` or more text-only
    inline, empty or custom elements unwrapped: their words kept in place, the empty ones dropped.
    trafilatura's main extractor takes time quadratic in the nodes of one paragraph (16,000 spans in
    one <p>: 36 s; 64,000 images: 69 s), which a hostile or broken page can hold; no news page comes
    near the limit."""
    crowded = [
        element
        for element in tree.iter()
        if len(element) >= _MAX_INLINE_CHILDREN
        and sum(1 for child in element if _unwrappable(child.tag)) >= _MAX_INLINE_CHILDREN
    ]
    for element in crowded:
        _unwrap_children(element)
    return tree


def _unwrappable(tag: object) -> bool:
    """A text-only inline element, an empty one, or a custom element ("x-tag", "amp-img")."""
    return isinstance(tag, str) and (tag in _UNWRAPPED or "-" in tag)


def _unwrap_children(element: lxml.html.HtmlElement) -> None:
    """Replace `element`'s text-only inline children by their text and drop its empty ones, each run
    of text written as one node (lxml's strip_tags leaves a node per element, and reading them back
    is itself quadratic)."""
    run = [element.text or ""]
    last: lxml.html.HtmlElement | None = None  # the child kept last: the run becomes its tail
    for child in list(element):
        if _unwrappable(child.tag):
            if child.tag not in _NO_TEXT:
                run.append("".join(child.itertext()))
            run.append(child.tail or "")
            element.remove(child)  # its tail goes with it, and is in `run`
            continue
        _write_run(element, last, run)
        last, run = child, [child.tail or ""]
    _write_run(element, last, run)


def _write_run(element: lxml.html.HtmlElement, last: lxml.html.HtmlElement | None, run: list[str]) -> None:
    text = "".join(run) or None
    if last is not None:
        last.tail = text
    else:
        element.text = text


def insert_tweets(lines: list[str], tweets: list[EmbeddedTweet]) -> list[str]:
    """Put each tweet the extractor dropped after the body line that precedes it on the page."""
    out = list(lines)
    for tweet in tweets:
        if _words(tweet.lines[0]) in _words("\n".join(out)):  # the extractor kept this one
            continue
        anchor = " " + " ".join(_WORD.findall(tweet.preceding.lower())[-6:]) + " "
        at = next((i + 1 for i, line in enumerate(out) if anchor.strip() and anchor in _words(line)), len(out))
        out[at:at] = tweet.lines
    return out


def body_lines(text: str, captions: list[str]) -> list[str]:
    """The extractor's lines, normalised, without boilerplate lines and without the captions."""
    caption_keys = {_words(c) for c in captions}
    lines = (line.strip() for line in normalize_text(text).split("\n"))
    return [line for line in lines if line and not is_rule_junk(line) and _words(line) not in caption_keys]


def without_title(lines: list[str], title: str | None) -> list[str]:
    """Drop the headline the extractor left at the top of the body: it is the title, not a paragraph."""
    key = _words(title or "")
    out = list(lines)
    for _ in range(2):
        first = _words(out[0]) if out else ""
        if not (key.strip() and first.strip() and len(first) <= _MAX_HEADLINE_CHARS and (first in key or key in first)):
            break
        out.pop(0)
    return out


def _text_and_title(document: object) -> tuple[str, str | None]:
    """trafilatura returns a Document (or a dict, or None); read both shapes."""
    if isinstance(document, dict):
        return str(document.get("text") or ""), document.get("title") or None
    return str(getattr(document, "text", None) or ""), getattr(document, "title", None) or None


def _extract(tree: lxml.html.HtmlElement) -> tuple[str, str | None]:
    """trafilatura's main text and title; an extractor crash on an odd page is an empty result."""
    try:
        document = trafilatura.bare_extraction(
            tree, favor_precision=True, include_comments=False, include_tables=True, with_metadata=True
        )
    except (ValueError, TypeError, AttributeError, IndexError, LxmlError):
        return "", None
    return _text_and_title(document)


def fallback_body(html: str) -> CleanArticle:
    """The page's visible lines, boilerplate removed line by line (as for scraped text)."""
    body, captions = clean_lines(visible_lines(html))
    return CleanArticle(title=None, text="\n\n".join(body), captions=tuple(captions))


def clean_html(html: str) -> CleanArticle:
    """Article body (paragraphs joined by blank lines), title and photo captions of an HTML page."""
    tree = parse_html(html)
    if tree is None:
        return fallback_body(html)
    tweets = embedded_tweets(tree)
    captions = page_captions(tree)
    text, title = _extract(tree)
    lines = without_title(body_lines(text, captions), title)
    lines = with_missed(lines, missed_paragraphs(tree, lines))
    lines = insert_tweets(lines, tweets)
    if len(_WORD.findall(" ".join(lines))) < _MIN_BODY_WORDS:
        fallback = fallback_body(html)
        if len(fallback.text) > len(" ".join(lines)):
            return CleanArticle(title=title, text=fallback.text, captions=tuple(captions) or fallback.captions)
    return CleanArticle(title=title, text="\n\n".join(lines), captions=tuple(captions))
