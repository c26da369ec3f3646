"""Language identification of a cleaned body, so non-English text never reaches the English model."""

from __future__ import annotations

import re
from collections import Counter

import py3langid

DEFAULT_LANGUAGE = "en"
# An address is matched from the start of its word only: tried at every character, "\S+@" rescans
# the rest of the word each time, quadratic in a long unbroken run of characters
_NOISE = re.compile(r"https?://\S+|www\.\S+|(?<!\S)\S+@\S+|[@#]\w+|\d+")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_MIN_LETTERS = 25  # fewer letters than this in a Latin script: too little to tell languages apart
_MIN_PARAGRAPH_LETTERS = 40
_MAX_PARAGRAPHS = 5  # spread over the article: enough to outvote a stray quote, cheap (≈0.2 ms each)
_MAX_CHARS = 300
_MAX_SCANNED = 60  # lines looked at, spread over the article


def load_language_model() -> None:
    """Load py3langid's model now (it loads on first use, ≈ 0.3 s), e.g. when a worker process starts."""
    py3langid.classify("newsworker")


def _letters(text: str) -> int:
    return len(_LETTER.findall(text))


def _is_latin(text: str) -> bool:
    return len(_LATIN_LETTER.findall(text)) >= 0.5 * _letters(text)


def _classify(text: str) -> str:
    code, _score = py3langid.classify(text[:_MAX_CHARS])
    return str(code)


def _spread(items: list[str], count: int) -> list[str]:
    """Up to `count` items taken evenly from start to end."""
    if len(items) <= count:
        return items
    step = len(items) / count
    return [items[int(i * step)] for i in range(count)]


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`'s main language.

    Each paragraph votes with its length, so a quote in another language does not flip an article.
    A short Latin-script text is assumed English (a few words cannot be told apart); a short text in
    another script (Cyrillic, Arabic, CJK, ...) is still identified, as the script itself tells a lot.
    """
    paragraphs = [p for p in (_NOISE.sub(" ", p) for p in _spread(text.split("\n"), _MAX_SCANNED)) if p.strip()]
    clean = " ".join(" ".join(paragraphs).split())
    letters = _letters(clean[:_MAX_CHARS])
    if letters == 0 or (letters < _MIN_LETTERS and _is_latin(clean)):
        return DEFAULT_LANGUAGE
    voters = [p for p in paragraphs if len(p) >= _MIN_PARAGRAPH_LETTERS and _letters(p) >= _MIN_PARAGRAPH_LETTERS]
    if len(voters) < 2:
        return _classify(clean)
    votes: Counter[str] = Counter()
    ballots = [(paragraph, min(_letters(paragraph), _MAX_CHARS)) for paragraph in _spread(voters, _MAX_PARAGRAPHS)]
    left = sum(weight for _, weight in ballots)
    for paragraph, weight in ballots:
        votes[_classify(paragraph)] += weight
        left -= weight
        ranked = votes.most_common(2)
        if ranked[0][1] > (ranked[1][1] if len(ranked) > 1 else 0) + left:
            break  # the votes still to come cannot change the winner: skip classifying them
    return votes.most_common(1)[0][0]
