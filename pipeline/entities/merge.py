"""Mentions → entities: one group per real-world thing, named by its longest full form."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from pipeline.entities.mentions import Mention
from pipeline.entities.names import country_alias, initials, is_acronym, name_words

_PERSONISH_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(slots=True)
class Group:
    """Mentions gathered under one name while merging."""

    name: str
    mentions: list[Mention] = field(default_factory=list)
    alias: str | None = None
    _label_of: int = field(default=-1, init=False, repr=False, compare=False)  # len(mentions) `_label` is for
    _label: str = field(default="", init=False, repr=False, compare=False)

    @property
    def words(self) -> list[str]:
        return name_words(self.name)

    def label(self) -> str:
        """The label of most mentions (the longest mention's on a tie). Kept until a mention is added
        or the mentions are reordered (`relabel`): asked once per mention merged, a count over all of
        a group's mentions each time would cost time quadratic in them."""
        if self._label_of != len(self.mentions):
            votes = Counter(m.label for m in self.mentions)
            top = max(votes.values())
            longest = max(self.mentions, key=lambda m: (len(m.text.split()), len(m.text)))
            self._label = longest.label if votes[longest.label] == top else votes.most_common(1)[0][0]
            self._label_of = len(self.mentions)
        return self._label

    def sort_mentions(self) -> None:
        self.mentions.sort(key=lambda x: x.start)
        self._label_of = -1  # the longest mention on a tie may be another one now


def _order(m: Mention) -> tuple[int, int]:
    return -len(name_words(m.text)), m.start


def _surname_match(m: Mention, group: Group) -> bool:
    if m.label not in _PERSONISH_LABELS:
        return False
    words = name_words(m.text)
    full = group.words
    if len(full) <= len(words) or group.label() != "PERSON":
        return False
    if len(words) == 1:
        return words[0] in full[1:]
    # "Hillary Clinton" inside "Hillary Rodham Clinton": same first and last name
    return full[-len(words) :] == words or (words[0] == full[0] and words[-1] == full[-1])


def _acronym_match(m: Mention, group: Group) -> bool:
    return is_acronym(m.text) and len(group.words) > 1 and initials(group.name) == m.text.replace(".", "").upper()


class _GroupIndex:
    """The groups made so far, looked up by what a mention could match them on: a country alias,
    initials ("SDF" → "Syrian Democratic Forces"), a later name word ("Assad" → "Bashar al-Assad"),
    a last-name run or a first-and-last pair. Each lookup returns only the groups that share the key,
    in the order they were made, so merging stays linear in the mentions when an article names
    thousands of people (a scan of every group per mention was quadratic)."""

    def __init__(self) -> None:
        self.order: dict[int, int] = {}  # id(group) → creation index
        self.by_alias: dict[str, Group] = {}
        self.by_key: dict[tuple[str | int, ...], list[Group]] = {}
        self.longest = 0  # words in the longest group name

    def add(self, group: Group) -> None:
        self.order[id(group)] = len(self.order)
        if group.alias is not None:
            self.by_alias.setdefault(group.alias, group)
            return
        full = group.words
        self.longest = max(self.longest, len(full))
        keys: set[tuple[str | int, ...]] = {("initials", initials(group.name))} if len(full) > 1 else set()
        keys.update(("word", w) for w in full[1:])
        keys.update(("tail", *full[-k:]) for k in range(2, len(full)))
        if len(full) > 2:
            keys.add(("ends", full[0], full[-1], len(full)))  # by length: only longer names can match
        for key in keys:
            self.by_key.setdefault(key, []).append(group)

    def ends_keys(self, words: list[str]) -> list[tuple[str | int, ...]]:
        """The keys of the names longer than `words` that share its first and last word."""
        return [("ends", words[0], words[-1], n) for n in range(len(words) + 1, self.longest + 1)]

    def candidates(self, *keys: tuple[str | int, ...]) -> list[Group]:
        found = {id(g): g for key in keys for g in self.by_key.get(key, ())}
        return sorted(found.values(), key=lambda g: self.order[id(g)])


def _find_group(m: Mention, index: _GroupIndex, by_form: dict[str, Group]) -> Group | None:
    """`by_form`: lowercased mention text → the first non-alias group holding it."""
    alias = country_alias(m.text)
    if alias is not None:
        return index.by_alias.get(alias)
    known = by_form.get(m.text.lower())
    if known is not None:
        return known
    if is_acronym(m.text):
        hits = [g for g in index.candidates(("initials", m.text.replace(".", "").upper())) if _acronym_match(m, g)]
        if hits:
            return _nearest_before(m, hits)
    words = name_words(m.text)
    if not words:
        return None
    keys = [("word", words[0])] if len(words) == 1 else [("tail", *words), *index.ends_keys(words)]
    hits = [g for g in index.candidates(*keys) if _surname_match(m, g)]
    return _nearest_before(m, hits) if hits else None


def _nearest_before(m: Mention, hits: list[Group]) -> Group:
    """The group named last before `m`; when none is named before it, the one named first after it
    (a lede's bare "Okafor" belongs to the "Lena Okafor" of the next paragraph, not to a book title
    "Okafor v. Okafor" at the end)."""

    def key(g: Group) -> tuple[int, int]:
        before = [x.start for x in g.mentions if x.start < m.start]
        return (1, max(before)) if before else (0, -min(x.start for x in g.mentions))

    return max(hits, key=key)


def group_mentions(mentions: list[Mention]) -> list[Group]:
    groups: list[Group] = []
    index = _GroupIndex()
    by_form: dict[str, Group] = {}
    for m in sorted(mentions, key=_order):
        group = _find_group(m, index, by_form)
        if group is None:
            alias = country_alias(m.text)
            group = Group(name=alias or m.text, alias=alias)
            groups.append(group)
            index.add(group)
        group.mentions.append(m)
        if group.alias is None:
            by_form.setdefault(m.text.lower(), group)
    for g in groups:
        g.sort_mentions()
    return groups


def _is_name_at(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-") and not (after.isalnum() or after in "-")


def _sentence_initial(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \"“‘'")
    return not before or before[-1] in ".!?\n:"


class _Taken:
    """Character spans, asked whether any overlaps a range: only spans starting less than the
    longest span's length before the range can reach into it, so a lookup reads a few spans,
    not all of them (an article naming one person thousands of times stays linear)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.longest = max((e - s for s, e in self.spans), default=0)

    def overlaps(self, start: int, end: int) -> bool:
        lo = bisect.bisect_right(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end)
        return any(s < end and start < e for s, e in self.spans[lo:hi])

    def add(self, start: int, end: int) -> None:
        k = bisect.bisect_left(self.spans, (start, end))
        self.spans.insert(k, (start, end))
        self.starts.insert(k, start)
        self.longest = max(self.longest, end - start)


_RUN = re.compile(r"[^\W_]+")  # letters and digits


class _WordStarts:
    """Where each word (run of letters and digits) of the text starts, by the word. A name is found
    through its rarest word: an occurrence that can count (`_is_name_at`) holds each of the name's
    words as a whole word of the text, so reading the places of one word and checking the name there
    finds them all. Searching the whole text once per name made completion quadratic when an article
    names thousands of people or bodies ("The Harbour Authority Number 17" shares "The" with all)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts: dict[str, list[int]] = {}
        for run in _RUN.finditer(text):
            self.starts.setdefault(run.group(), []).append(run.start())

    def starts_of(self, form: str) -> list[int]:
        """The places, in order, where `form` occurs starting at a word."""
        runs = [(run.start(), self.starts.get(run.group(), [])) for run in _RUN.finditer(form)]
        if not runs or runs[0][0] != 0:
            return [m.start() for m in re.finditer(re.escape(form), self.text)]  # a form not starting with a word
        offset, places = min(runs, key=lambda r: len(r[1]))
        starts = (p - offset for p in places)
        return [s for s in starts if s >= 0 and self.text.startswith(form, s) and _word_starts_at(self.text, s)]


def _word_starts_at(text: str, s: int) -> bool:
    return s == 0 or not (text[s - 1].isalnum() or text[s - 1] == "-")


def complete_mentions(text: str, groups: list[Group]) -> None:
    """Add the occurrences NER missed of a name the article already uses (surnames, acronyms)."""
    taken = _Taken([(m.start, m.end) for g in groups for m in g.mentions])
    words = _WordStarts(text)
    for group in groups:
        if group.label() not in ("PERSON", "ORG") or group.alias is not None:
            continue
        forms = {m.text for m in group.mentions if m.text[:1].isupper() and len(m.text) > 2}
        surname = group.name.split()[-1]
        guessed = surname not in forms and group.label() == "PERSON" and len(group.name.split()) > 1
        if guessed and len(surname) > 2 and surname[0].isupper():
            forms.add(surname)
        label = group.label()  # a mention added with the group's label leaves its label as it is
        for form in sorted(forms, key=lambda f: (-len(f), f)):  # the longest form first, in a fixed order
            for s in words.starts_of(form):
                e = s + len(form)
                if guessed and form == surname and _sentence_initial(text, s):
                    continue  # "Young", "Black": a capitalised word starting a sentence may be no name
                if _is_name_at(text, s, e) and not taken.overlaps(s, e):
                    group.mentions.append(Mention(form, s, e, label))
                    taken.add(s, e)
        group.sort_mentions()
