"""Speaker resolution: the source noun phrase → a canonical entity (names, pronouns, nominals)."""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc

from pipeline.claims.syntax import noun_phrase
from pipeline.claims.tokens import DocTokens
from pipeline.models import Entity, Speaker

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "we", "us", "our"})
PERSON_NOUNS = frozenset(
    [
        "president",
        "candidate",
        "senator",
        "governor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "nominee",
        "secretary",
        "minister",
        "leader",
        "chairman",
        "chairwoman",
        "official",
        "congressman",
        "congresswoman",
        "mayor",
        "author",
        "businessman",
        "billionaire",
        "director",
        "chief",
        "ambassador",
        "general",
        "lawyer",
        "attorney",
        "judge",
        "representative",
        "host",
        "founder",
        "premier",
        "king",
        "queen",
        "prince",
        "commander",
        "man",
        "woman",
        "actor",
        "star",
        "analyst",
        "executive",
        "strategist",
        "adviser",
        "advisor",
        "pollster",
        "speaker",
        "chancellor",
        "dictator",
        "ruler",
    ]
)
ORG_NOUNS = frozenset(
    [
        "group",
        "company",
        "campaign",
        "agency",
        "organization",
        "organisation",
        "government",
        "ministry",
        "party",
        "committee",
        "network",
        "newspaper",
        "paper",
        "department",
        "administration",
        "team",
        "firm",
        "militia",
        "coalition",
        "union",
        "council",
        "court",
        "movement",
        "office",
        "board",
        "bank",
        "army",
        "regime",
    ]
)
_MALE_TITLES = frozenset({"mr", "mr.", "sir"})
_FEMALE_TITLES = frozenset({"mrs", "mrs.", "ms", "ms.", "miss"})


@dataclass(frozen=True, slots=True)
class MentionIndex:
    """Every entity mention in text order, and each person's gender as the article uses it."""

    starts: tuple[int, ...]
    mentions: tuple[tuple[int, int, str, str], ...]
    gender: dict[str, str]
    titled: dict[str, tuple[int, ...]]  # title → positions in `mentions` of the mentions whose
    # entity is named with that title somewhere ("President Bashar al-Assad" → president)
    longest: int = 0  # the longest mention's length
    person_by_last_word: dict[str, str] = field(default_factory=dict)  # → the first person so named

    def covering(self, start: int, end: int) -> str | None:
        """The entity of the best mention overlapping [start, end): a person or organisation first,
        then the longest; among equals the first in text order."""
        k = bisect.bisect_left(self.starts, end)  # mentions starting before `end`, of which those
        lo = bisect.bisect_left(self.starts, start - self.longest)  # starting too early end before `start`
        hits = [m for m in self.mentions[lo:k] if start < m[1]]
        if not hits:
            return None
        hits.sort(key=lambda m: (m[3] not in ("PERSON", "ORG"), -(m[1] - m[0])))
        return hits[0][2]

    def preceding(
        self, offset: int, labels: frozenset[str], gender: str | None = None, title: str | None = None
    ) -> str | None:
        """The nearest entity named before `offset` with a label in `labels`, of the gender the
        article gives it, and (when `title` is given) named with that title somewhere."""
        i = bisect.bisect_left(self.starts, offset)
        if title is None:
            at: Iterable[int] = range(i - 1, -1, -1)
        else:  # only the mentions of entities with that title: no walk back over every mention
            titled = self.titled.get(title, ())
            at = (titled[k] for k in range(bisect.bisect_left(titled, i) - 1, -1, -1))
        for k in at:
            _start, _end, name, label = self.mentions[k]
            if label in labels and (gender is None or self.gender.get(name, gender) == gender):
                return name
        return None


def build_index(doc: Doc, text: str, entities: tuple[Entity, ...], tokens: DocTokens | None = None) -> MentionIndex:
    mentions = sorted((m.start, m.end, e.name, e.label) for e in entities for m in e.mentions)
    tokens = DocTokens.of(doc) if tokens is None else tokens
    return MentionIndex(
        tuple(m[0] for m in mentions),
        tuple(mentions),
        _genders(tokens, text, mentions),
        _titled(mentions, _titles(text, mentions)),
        max((m[1] - m[0] for m in mentions), default=0),
        _by_last_word(mentions),
    )


def _titled(mentions: list[tuple[int, int, str, str]], titles: dict[str, frozenset[str]]) -> dict[str, tuple[int, ...]]:
    """Each title → the positions (ascending) of the mentions whose entity carries it."""
    found: dict[str, list[int]] = {}
    for k, (_start, _end, name, _label) in enumerate(mentions):
        for title in titles.get(name, ()):
            found.setdefault(title, []).append(k)
    return {title: tuple(ks) for title, ks in found.items()}


def _by_last_word(mentions: list[tuple[int, int, str, str]]) -> dict[str, str]:
    """Each last word of a person's name → the first person (in text order) whose name ends so."""
    found: dict[str, str] = {}
    for _start, _end, entity, label in mentions:
        if label == "PERSON":
            words = entity.lower().split()
            if words:
                found.setdefault(words[-1], entity)
    return found


def _titles(text: str, mentions: list[tuple[int, int, str, str]]) -> dict[str, frozenset[str]]:
    """Job titles written before a person's mentions ("President Bashar al-Assad" → president)."""
    found: dict[str, set[str]] = {}
    for start, _end, name, label in mentions:
        words = text[max(0, start - 40) : start].lower().split()
        if label == "PERSON" and words:
            found.setdefault(name, set()).update(w for w in words[-3:] if w in PERSON_NOUNS)
    return {name: frozenset(titles) for name, titles in found.items()}


def _genders(tokens: DocTokens, text: str, mentions: list[tuple[int, int, str, str]]) -> dict[str, str]:
    """Gender per person from titles before its mentions and the next pronoun after each mention."""
    votes: dict[str, Counter[str]] = {}
    pronouns = [(i, w) for i, w in zip(tokens.idx, tokens.lowers, strict=True) if w in MALE or w in FEMALE]
    pron_starts = [p[0] for p in pronouns]
    for start, end, name, label in mentions:
        if label != "PERSON":
            continue
        tally = votes.setdefault(name, Counter())
        before = text[max(0, start - 5) : start].lower().split()
        if before and before[-1] in _MALE_TITLES | _FEMALE_TITLES:
            tally["m" if before[-1] in _MALE_TITLES else "f"] += 3
        k = bisect.bisect_left(pron_starts, end)
        if k < len(pronouns) and pronouns[k][0] - end < 200:
            tally["m" if pronouns[k][1] in MALE else "f"] += 1
    return {name: tally.most_common(1)[0][0] for name, tally in votes.items() if tally}


def resolve(doc: Doc, source: int | None, index: MentionIndex, tokens: DocTokens | None = None) -> Speaker | None:
    if source is None:
        return None
    tokens = DocTokens.of(doc) if tokens is None else tokens
    start, end = noun_phrase(tokens, source)
    start_char, end_char = tokens.idx[start], tokens.end_char(end - 1)
    # "who said": the pronoun is the speaker's text, the noun its clause describes names it
    head = tokens.heads[source]
    relative = tokens.tags[source] in ("WP", "WDT") and tokens.deps[head] == "relcl"
    named = tokens.heads[head] if relative else source
    entity = _named_entity(tokens, named, index) or _antecedent(
        tokens.lowers[named], tokens.lemma(named), tokens.idx[named], index
    )
    if entity is None and relative and tokens.pos[named] in ("NOUN", "PROPN"):
        np_start, np_end = noun_phrase(tokens, named)  # "commentators who suggested": no entity, still a sayer
        entity = tokens.text[tokens.idx[np_start] : tokens.end_char(np_end - 1)]
    return Speaker(tokens.text[start_char:end_char], start_char, end_char, entity)


def _named_entity(tokens: DocTokens, token: int, index: MentionIndex) -> str | None:
    start, end = noun_phrase(tokens, token)
    return index.covering(tokens.idx[token], tokens.end_char(token)) or index.covering(
        tokens.idx[start], tokens.end_char(end - 1)
    )


def _antecedent(word: str, lemma: str, offset: int, index: MentionIndex) -> str | None:
    if word in MALE:
        return index.preceding(offset, frozenset({"PERSON"}), "m")
    if word in FEMALE:
        return index.preceding(offset, frozenset({"PERSON"}), "f")
    if word in PLURAL or lemma in ORG_NOUNS:
        return index.preceding(offset, frozenset({"ORG", "NORP"}))
    if word == "it":
        return index.preceding(offset, frozenset({"ORG"}))
    if lemma in PERSON_NOUNS:
        person = frozenset({"PERSON"})
        return index.preceding(offset, person, title=lemma) or index.preceding(offset, person)
    return None
