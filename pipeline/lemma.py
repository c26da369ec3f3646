"""Cheap lemmas and coarse parts of speech from the tagger's output alone.

spaCy's lemmatizer and attribute_ruler cost ≈ 40 ms per article (timed per component on PolNeAR dev,
≈ 20% of en_core_web_sm) and the claims stage reads their
output for a few dozen tokens; these pure functions give the same answers for the words that matter
(cue verbs and nouns, speaker nouns, pronouns) from `lower_`, `tag_` and `dep_`.
"""

from __future__ import annotations

from typing import Protocol


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_TAG_POS = {
    "_SP": "SPACE", ".": "PUNCT", ",": "PUNCT", "-LRB-": "PUNCT", "-RRB-": "PUNCT", "``": "PUNCT",
    '""': "PUNCT", "''": "PUNCT", ":": "PUNCT", "HYPH": "PUNCT", "NFP": "PUNCT", "$": "SYM", "#": "SYM",
    "SYM": "SYM", "AFX": "ADJ", "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "CC": "CCONJ", "CD": "NUM",
    "DT": "DET", "PDT": "DET", "WDT": "DET", "WP$": "DET", "EX": "PRON", "PRP": "PRON", "PRP$": "PRON",
    "WP": "PRON", "FW": "X", "LS": "X", "NIL": "X", "ADD": "X", "GW": "X", "XX": "X", "IN": "ADP",
    "RP": "ADP", "MD": "AUX", "NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "POS": "PART",
    "TO": "PART", "RB": "ADV", "RBR": "ADV", "RBS": "ADV", "UH": "INTJ", "VB": "VERB", "VBD": "VERB",
    "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "BES": "VERB", "HVS": "VERB", "WRB": "SCONJ",
}  # fmt: skip
_SCONJ_IN = _words(
    "that if because while since so whether although though unless once cause upon till whereas whilst "
    "except despite but albeit save besides til tho"
)
_PRONOUN_NN = _words("something anyone anything nothing someone everything everyone everybody nobody somebody anybody")
_AUX_BY_TAG = {
    "VB": frozenset({"be", "do", "have", "of", "'ve"}),
    "VBP": frozenset({"do", "are", "'re", "am", "'m", "have", "'ve", "'s"}),
    "VBN": frozenset({"been", "had"}),
    "VBG": frozenset({"being"}),
    "VBZ": frozenset({"is", "'s", "has", "does"}),
    "VBD": frozenset({"was", "were", "did", "had", "'d"}),
}
_FULL_VERB_DEPS = frozenset({"ROOT", "advcl", "ccomp", "conj", "relcl", "xcomp"})
_DO_HAVE = frozenset({"do", "does", "did", "'d", "have", "has", "had"})
_BE_AFTER_EXPL = frozenset({"is", "are", "was", "were", "'s", "'re"})


class TaggedToken(Protocol):
    """What these functions read from a spaCy Token (tagger and parser output only)."""

    @property
    def lower_(self) -> str: ...
    @property
    def tag_(self) -> str: ...
    @property
    def dep_(self) -> str: ...
    @property
    def is_space(self) -> bool: ...
    @property
    def i(self) -> int: ...
    def nbor(self, i: int = ...) -> TaggedToken: ...


def coarse_pos(token: TaggedToken) -> str:
    """The universal POS en_core_web_sm's attribute_ruler would give, from tag, word and dependency."""
    after_expl = token.i > 0 and token.nbor(-1).dep_ == "expl"
    return pos_of(token.tag_, token.lower_, token.dep_, token.is_space, after_expl)


_POS_MEMO: dict[tuple[str, str, str, bool, bool], str] = {}


def pos_of(tag: str, lower: str, dep: str, is_space: bool, after_expl: bool) -> str:
    """`coarse_pos` from the token's facts (`after_expl`: the previous token's dependency is expl);
    answers are kept, as a few thousand (tag, word, dependency) triples cover most text."""
    key = (tag, lower, dep, is_space, after_expl)
    pos = _POS_MEMO.get(key)
    if pos is None:
        if len(_POS_MEMO) > 200_000:
            _POS_MEMO.clear()
        pos = _POS_MEMO[key] = _pos(tag, lower, dep, is_space, after_expl)
    return pos


def pos_list(tags: list[str], lowers: list[str], deps: list[str], spaces: list[bool]) -> list[str]:
    """`pos_of` for every token of a doc given its columns."""
    after_expl = [False, *(d == "expl" for d in deps[:-1])] if deps else []
    keys = list(zip(tags, lowers, deps, spaces, after_expl, strict=True))
    found = list(map(_POS_MEMO.get, keys))
    if None in found:
        for k, key in enumerate(keys):
            if found[k] is None:
                found[k] = pos_of(*key)
    return found  # type: ignore[return-value]  # no None is left


def _pos(tag: str, lower: str, dep: str, is_space: bool, after_expl: bool) -> str:
    if is_space:
        return "SPACE"
    pos = _TAG_POS.get(tag, "X")
    if tag == "IN" and (dep == "mark" or lower in _SCONJ_IN):
        pos = "SCONJ"
    elif tag == "NN" and lower in _PRONOUN_NN:
        pos = "PRON"
    elif tag == "RB" and lower in ("not", "n't", "nt", "n’t"):
        pos = "PART"
    elif tag == "CC" and lower == "but" and dep == "advmod":
        pos = "ADV"
    if lower in _AUX_BY_TAG.get(tag, ()) or (tag not in ("TO", "") and dep in ("aux", "auxpass")):
        pos = "AUX"
    if lower in _DO_HAVE and dep in _FULL_VERB_DEPS:
        pos = "VERB"
    if tag in ("DT", "WDT") and (dep not in ("det", "quantmod", "") or (lower == "that" and tag == "WDT")):
        pos = "PRON"
    if lower in _BE_AFTER_EXPL and after_expl:
        pos = "VERB"
    if tag == "_SP":
        pos = "X"
    return pos


_IRREGULAR_VERBS = {
    "said": "say", "says": "say", "told": "tell", "thought": "think", "wrote": "write", "written": "write",
    "spoke": "speak", "spoken": "speak", "knew": "know", "known": "know", "felt": "feel", "heard": "hear",
    "saw": "see", "seen": "see", "found": "find", "meant": "mean", "taught": "teach", "sought": "seek",
    "brought": "bring", "gave": "give", "given": "give", "took": "take", "taken": "take", "made": "make",
    "got": "get", "gotten": "get", "went": "go", "gone": "go", "goes": "go", "came": "come", "became": "become",
    "held": "hold", "kept": "keep", "left": "leave", "led": "lead", "swore": "swear", "sworn": "swear",
    "forgot": "forget", "forgotten": "forget", "understood": "understand", "stood": "stand",
    "foresaw": "foresee", "foreseen": "foresee", "withdrew": "withdraw", "withdrawn": "withdraw",
    "began": "begin", "begun": "begin", "chose": "choose", "chosen": "choose", "rose": "rise", "risen": "rise",
    "fell": "fall", "fallen": "fall", "won": "win", "lost": "lose", "paid": "pay", "laid": "lay",
    "sent": "send", "spent": "spend", "built": "build", "shown": "show", "drew": "draw", "drawn": "draw",
    "grew": "grow", "grown": "grow", "threw": "throw", "thrown": "throw", "flew": "fly", "flown": "fly",
    "broke": "break", "broken": "break", "sold": "sell", "bought": "buy", "caught": "catch",
    "fought": "fight", "ate": "eat", "eaten": "eat", "drove": "drive", "driven": "drive", "ran": "run",
    "did": "do", "does": "do", "done": "do", "has": "have", "had": "have", "having": "have", "'ve": "have",
    "is": "be", "are": "be", "was": "be", "were": "be", "am": "be", "been": "be", "being": "be",
    "'s": "be", "'re": "be", "'m": "be", "dealt": "deal", "struck": "strike", "hid": "hide", "hidden": "hide",
    "lied": "lie", "lying": "lie", "died": "die", "dying": "die", "tied": "tie", "woke": "wake",
    "bore": "bear", "borne": "bear", "wore": "wear", "worn": "wear", "slept": "sleep", "fled": "flee",
    "shot": "shoot", "met": "meet", "born": "bear", "torn": "tear", "tore": "tear", "losing": "lose",
    "’s": "be", "’re": "be", "’m": "be", "’ve": "have", "hung": "hang", "hanging": "hang", "rang": "ring",
    "read": "read", "put": "put", "set": "set", "let": "let", "cut": "cut", "hit": "hit", "quit": "quit",
}  # fmt: skip
_MODALS = {"ca": "can", "wo": "will", "'ll": "will", "'d": "would", "sha": "shall"}
_PRONOUNS = {"me": "i", "him": "he", "her": "she", "us": "we", "them": "they"}
_IRREGULAR_NOUNS = {"people": "people", "children": "child", "women": "woman", "men": "man", "news": "news",
                    "analyses": "analysis", "crises": "crisis", "media": "media", "data": "data", "series": "series",
                    "lives": "life", "wives": "wife", "feet": "foot", "teeth": "tooth", "mice": "mouse"}  # fmt: skip
# Base forms ending in a silent e that suffix stripping cannot restore ("stated" → "stat" + e).
_E_BASES = _words(
    "state note argue believe announce declare indicate estimate conclude describe emphasize emphasise "
    "acknowledge promise propose complete agree argue assure ensure insure assume presume decide provide "
    "quote vote cite write use refuse accuse excuse praise raise raise advise revise realize recognize "
    "criticize criticise apologize characterize summarize recognise realise urge charge change challenge "
    "judge pledge allege oblige hope joke smoke invoke provoke close disclose propose suppose oppose "
    "impose expose compose pose free guarantee continue issue pursue rule advocate speculate stipulate "
    "reiterate negotiate debate illustrate demonstrate accommodate articulate imagine determine examine "
    "define confine decline outline underline underscore ignore explore implore deplore adore share "
    "compare prepare care dare scare declare figure endorse reverse remove move prove improve approve "
    "disapprove observe deserve preserve serve solve resolve involve receive perceive deceive conceive "
    "retrieve relieve achieve grieve leave save behave believe produce reduce introduce induce reinforce "
    "force enforce notice practice dance balance reference evidence voice sentence announce pronounce "
    "denounce renounce convince evince surprise compromise promise premise exercise advertise supervise "
    "merge emerge submerge diverge converge lure cure secure procure endure measure treasure pressure "
    "censure fume assume consume resume presume include exclude preclude allude elude delude collude "
    "intrude dispute refute salute contribute attribute distribute execute prosecute persecute dilute "
    "pollute confide coincide preside reside divide guide hide ride slide abide live give bite cite "
    "excite invite recite unite ignite write smile compile reconcile file phone tone hone clone postpone "
    "condone atone loathe breathe bathe soothe make take shake create blame shape type persuade "
    "appreciate affiliate police come become welcome overcome ignore explore restore store score shore "
    "adore bore face replace place trace race grace embrace erase phase chase base gauge tie die lie"
)
_NO_UNDOUBLE = frozenset("lsfz")
# Stem endings that lost a silent e: 'creat', 'releas', 'requir', 'manag', 'combin', 'struggl', ...
_E_ENDINGS = tuple(_words("uir aps aus eas ous ag eg rg dg bl cl dl fl gl kl pl tl zl"))
_E_AFTER_CONSONANT = ("at", "ar", "ir", "ur", "in", "ot", "il", "ul", "os", "is", "ang")
_VOWELS = frozenset("aeiou")


def lemma(lower: str, tag: str) -> str:
    """A lowercase lemma: exact for common irregular and cue words, suffix rules for the rest."""
    if tag.startswith("VB"):
        return _IRREGULAR_VERBS.get(lower) or _verb_base(lower, tag)
    if tag == "MD":
        return _MODALS.get(lower, lower)
    if tag == "NNS":
        return _noun_singular(lower)
    if tag == "PRP":
        return _PRONOUNS.get(lower, lower)
    if tag == "RB" and lower in ("n't", "nt", "n’t"):
        return "not"
    return lower


def token_lemma(token: TaggedToken) -> str:
    return lemma(token.lower_, token.tag_)


def _verb_base(lower: str, tag: str) -> str:
    if tag == "VBZ" and lower.endswith("s"):
        return _strip_s(lower)
    if tag in ("VBD", "VBN") and lower.endswith("ed") and len(lower) > 3:
        return _restore(lower[:-2])
    if tag == "VBG" and lower.endswith("ing") and len(lower) > 4:
        return _restore(lower[:-3])
    return lower


def _strip_s(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes", "oes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")) or len(word) < 3:
        return word
    return word[:-1]


def _restore(stem: str) -> str:
    """Undo the spelling changes of -ed/-ing: 'stat' → 'state', 'admitt' → 'admit', 'deni' → 'deny'."""
    if stem + "e" in _E_BASES or stem in _E_BASES:
        return stem + "e" if stem + "e" in _E_BASES else stem
    if stem.endswith("i") and len(stem) > 2:
        return stem[:-1] + "y"
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS and stem[-1] not in _NO_UNDOUBLE:
        return stem[:-1]
    if stem.endswith(("v", "c", "u", "z")) and not stem.endswith(("zz", "ic")):
        return stem + "e"
    if stem.endswith(_E_ENDINGS) or _e_after_consonant(stem):
        return stem + "e"
    return stem


def _e_after_consonant(stem: str) -> bool:
    for ending in _E_AFTER_CONSONANT:
        if stem.endswith(ending):
            before = stem[-len(ending) - 1 : -len(ending)]
            return bool(before) and before not in _VOWELS
    return False


def _noun_singular(lower: str) -> str:
    if lower in _IRREGULAR_NOUNS:
        return _IRREGULAR_NOUNS[lower]
    if lower.endswith("men") and len(lower) > 4:
        return lower[:-3] + "man"
    return _strip_s(lower) if lower.endswith("s") else lower
