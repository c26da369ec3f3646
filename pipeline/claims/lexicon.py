"""WordNet's lexicographer classes of a verb or noun lemma ("criticize" → communication, competition),
read from the table scripts/build_word_classes.py writes: what a cue word means, for the scorer."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import NamedTuple

TABLE = "word_classes.txt"
CODES = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"


class _Table(NamedTuple):
    legend: dict[str, str]  # code letter → class name
    lemmas: dict[str, dict[str, str]]  # part of speech → lemma → its class codes


@lru_cache(maxsize=1)
def _table() -> _Table:
    """The shipped table; an empty one when the file is missing."""
    try:
        raw = resources.files("pipeline.claims").joinpath(TABLE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return _Table({}, {})
    return parse_table(raw)


def parse_table(raw: str) -> _Table:
    """The table's text read back: "@legend" names the class of each code letter, "[verb]" and
    "[noun]" open a part of speech's lines ("criticize ij"), "#" lines are comments."""
    legend: dict[str, str] = {}
    lemmas: dict[str, dict[str, str]] = {}
    current: dict[str, str] = {}
    for line in raw.splitlines():
        if line.startswith("["):
            current = lemmas.setdefault(line.strip("[]"), {})
        elif line.startswith("@legend "):
            legend = dict(zip(CODES, line.split()[1:], strict=False))
        elif line and not line.startswith("#"):
            lemma, _, codes = line.partition(" ")
            current[lemma] = codes
    return _Table(legend, lemmas)


@lru_cache(maxsize=8192)
def word_classes(lemma: str, noun: bool) -> tuple[str, ...]:
    """The distinct classes of the lemma's senses as a verb (or a noun), the most frequent sense's
    first; () for a word WordNet does not list."""
    table = _table()
    codes = table.lemmas.get("noun" if noun else "verb", {}).get(lemma, "")
    return tuple(table.legend[c] for c in codes)
