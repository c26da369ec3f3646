"""Language identification of a cleaned body, so non-English text never reaches the English model."""

from __future__ import annotations

import py3langid

_SAMPLE_CHARS = 2000
_MIN_CHARS = 40


def detect_language(text: str) -> str:
    """ISO 639-1 code of `text`'s language; short texts are assumed English (too little to judge)."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS:
        return "en"
    code, _score = py3langid.classify(sample)
    return str(code)
