"""Name normalisation: titles, articles, possessives, country aliases and acronyms."""

from __future__ import annotations

import re
from functools import lru_cache

TITLES = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "sen",
        "sen.",
        "rep",
        "rep.",
        "gov",
        "gov.",
        "gen",
        "gen.",
        "lt",
        "col",
        "adm",
        "sgt",
        "prof",
        "prof.",
        "president",
        "vice",
        "prime",
        "minister",
        "secretary",
        "senator",
        "governor",
        "representative",
        "congressman",
        "congresswoman",
        "chancellor",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "sheikh",
        "ayatollah",
        "judge",
        "justice",
        "mayor",
        "general",
        "former",
        "leader",
        "chairman",
        "chairwoman",
        "premier",
        "ambassador",
        "commander",
        "spokesman",
        "spokeswoman",
        "dictator",
        "sir",
        "candidate",
        "nominee",
        "lord",
        "lady",
        "dame",
    ]
)
COUNTRY_ALIASES = {
    "us": "United States",
    "u.s.": "United States",
    "u.s": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states": "United States",
    "united states of america": "United States",
    "america": "United States",
    "uk": "United Kingdom",
    "u.k.": "United Kingdom",
    "united kingdom": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uae": "United Arab Emirates",
    "u.a.e.": "United Arab Emirates",
    "ussr": "Soviet Union",
    "soviet union": "Soviet Union",
    "drc": "Democratic Republic of the Congo",
    "dprk": "North Korea",
}
GPE_ACRONYMS = frozenset(a for a in COUNTRY_ALIASES if a.replace(".", "").isalpha() and len(a) <= 6) | {"dc", "d.c."}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_CONNECTORS = frozenset({"of", "and", "the", "for", "de", "al", "&", "on", "in"})


def strip_possessive(text: str) -> str:
    return _POSSESSIVE.sub("", text).rstrip()


def country_alias(text: str) -> str | None:
    key = text.lower()
    key = key[4:] if key.startswith("the ") else key
    return COUNTRY_ALIASES.get(key)


def initials(name: str) -> str:
    """'Syrian Democratic Forces' → 'SDF'; connectors like 'of' and 'the' are skipped."""
    words = [w for w in re.split(r"[\s-]+", name) if w]
    return "".join(w[0] for w in words if w.lower() not in _CONNECTORS and w[:1].isalpha()).upper()


def is_acronym(text: str) -> bool:
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isalpha() and (bare.isupper() or (bare[0].isupper() and len(bare) <= 5))


def name_words(name: str) -> list[str]:
    """Lower-cased words of a name, with particles split off ('al-Assad' → 'al', 'assad')."""
    return list(_name_words(name))


@lru_cache(maxsize=8192)
def _name_words(name: str) -> tuple[str, ...]:  # merging asks for the same few names thousands of times
    return tuple(w for w in _WORD_BREAK.split(name.lower()) if w)


_WORD_BREAK = re.compile(r"[\s\-]+")
