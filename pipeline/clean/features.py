"""Features of one paragraph-candidate line in its article: its own shape and its context.

Shared by the runtime classifier and the training script, so both see exactly the same numbers.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence

from pipeline.clean.headlines import stray_headlines
from pipeline.clean.lines import TERMINAL, WORD, LineStats, content_overlap, headline_like, line_stats
from pipeline.clean.vocabulary import BOILERPLATE_WORDS, ENGLISH_STOPWORDS, is_junk_phrase

_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]")
_URL = re.compile(r"https?://|www\.|\.(?:com|org|net)\b|(?:^|\s)[@#]\w", re.IGNORECASE)
_SEPARATOR = re.compile(r"[|•»›·▶►]|\s/\s")
_LIST_MARK = re.compile(r"^(?:[-–—*•]\s|\d{1,2}[.)]\s)")
_INTERVIEW = re.compile(r"^[QA]\s?[:.]\s")  # an interview's question and answer turns
# "Label: Headline Words": a section kicker before another story's headline (no closing punctuation)
_KICKER = re.compile(r"^[A-Z][\w'’&-]*(?: [\w'’&-]+){0,3}\s?:\s*[A-Z\d\"'‘“]")
_NUMBER_HEADLINE = re.compile(r"^\d{1,3} [A-Z][a-z]")  # "7 Ways To ...": a listicle's headline
# a timestamp after a name or a separator ("@name / 2 days", "· 5h"): a comment's or a teaser's footer
_RELATIVE_TIME = re.compile(
    r"(?:^|[/|·•,]\s*)\d{1,3}\s?(?:mins?|minutes?|h|hrs?|hours?|d|days?|weeks?|months?|years?)(?: ago)?$"
)
_DATE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\b\d{1,2}:\d\d\b|\bago\b"
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b",
    re.IGNORECASE,
)
_DIGIT_WORD = re.compile(r"\b\w*\d\w*")  # from a word's start only: tried at every character, quadratic in a long word
_DIGIT = re.compile(r"\d")  # a quick test first: most lines have no digit, and _DIGIT_WORD is slow on them
_COUNT_TAIL = re.compile(r"\(\d+\)$")
_CODE = re.compile(r"[<>{}=]|^[#.][\w-]+\s|[^\W_]_[^\W_]")
_GLUED = re.compile(r"[a-z][A-Z][a-z]")
_LONG = 20  # words: a neighbour this long is prose
_SHORT = 8
_MAX_FRAGMENT_LINES = 200
_HELD_WORDS = 12
_SHAPE_WORDS = 6
_SHAPE_RUN_CAP = 8


def _language_gap(line: LineStats, article_english: float) -> float:
    """How far a line's function words are from the article's language mix: a line in another language."""
    if line.stops < 2:
        return 0.0
    return abs(line.english / line.stops - article_english)


def _headline_cues(n: int, terminal: bool, capital: float) -> dict[str, float]:
    """Lines that stop without punctuation: menu items when short, other stories' headlines when longer."""
    return {
        "short_open": float(n <= _SHORT and not terminal),
        "title_like": float(n <= 10 and not terminal and capital >= 0.7),
        "open_mid": float(_SHORT < n <= 20 and not terminal),
        "headline_mid": float(4 < n <= 20 and not terminal and capital >= 0.6),
    }


def _is_name_word(word: str) -> bool:
    """A word of a person's name ("Ada", "Brennick"): capitalised letters, not an acronym."""
    return word[0].isupper() and word.isalpha() and not word.isupper()


def _capital_stops(raw_words: Sequence[str]) -> float:
    """Share of function words past the first written with a capital ("Is", "At", "Are"): headline style."""
    stops = capital = 0
    for w in raw_words[1:]:
        if len(w) > 1 and w.lower() in ENGLISH_STOPWORDS:
            stops += 1
            capital += w[0].isupper() and not w.isupper()
    return capital / stops if stops else 0.0


def _shape(line: LineStats) -> dict[str, float]:
    text, words = line.text, line.words
    n = len(words)
    raw_words = line.raw
    alpha = [w for w in raw_words if w[0].isalpha()]
    capital = sum(w[0].isupper() for w in alpha) / len(alpha) if alpha else 0.0
    terminal = bool(TERMINAL.search(text))
    stop = line.stops
    boiler = sum(w in BOILERPLATE_WORDS for w in words)
    return {
        "log_words": math.log1p(n),
        "words_le3": float(n <= 3),
        "words_le8": float(n <= _SHORT),
        "words_le20": float(n <= _LONG),
        "terminal": float(terminal),
        "open_long": float(n > _LONG and not terminal),
        "capital_stops": _capital_stops(raw_words),
        "colon_end": float(text.endswith(":")),
        "ellipsis_end": float(text.endswith(("...", "…"))),
        "starts_lower": float(text[:1].islower()),
        "capital_ratio": capital,
        "stop_ratio": stop / n if n else 0.0,
        "digit_ratio": len(_DIGIT_WORD.findall(text)) / n if n and _DIGIT.search(text) else 0.0,
        "url": float(bool(_URL.search(text))),
        "separator": float(bool(_SEPARATOR.search(text))),
        "list_mark": float(bool(_LIST_MARK.match(text))),
        "interview": float(bool(_INTERVIEW.match(text))),
        "kicker": float(n <= 20 and not terminal and bool(_KICKER.match(text))),
        "number_headline": float(4 <= n <= 20 and not terminal and bool(_NUMBER_HEADLINE.match(text))),
        "relative_time": float(n <= 12 and bool(_RELATIVE_TIME.search(text))),
        "name_like": float(2 <= n <= 4 and not terminal and stop == 0 and all(map(_is_name_word, raw_words))),
        "sentences": math.log1p(len(_SENTENCE_BREAK.findall(text))),
        "quote": float(any(q in text for q in '"“”')),
        "all_caps": float(text.isupper() and n > 0),
        "date_short": float(n <= 10 and bool(_DATE.search(text))),
        "boiler_words": min(3, boiler) / 3,
        "boiler_share": boiler / n if n else 0.0,
        "junk_rule": float(is_junk_phrase(text, n)),
        "title_case": float(n >= 5 and not terminal and all(w[0].isupper() for w in raw_words if len(w) > 3)),
        **_headline_cues(n, terminal, capital),
        "count_tail": float(bool(_COUNT_TAIL.search(text))),
        "code": float(bool(_CODE.search(text))),
        "glued": min(3, len(_GLUED.findall(text))) / 3,
        "mean_word_length": min(12, sum(map(len, words)) / n) / 12 if n else 0.0,
    }


def _frame(text: str) -> str:
    """The punctuation a line opens and closes with ("[ … ]", "– …", "… :"): list items share it."""
    head = text[: len(text) - len(text.lstrip("-–—*•[(<#>|\"“'‘:"))]
    tail = text[len(text.rstrip("])>:|*\"”'’")) :]
    return f"{head.strip()}…{tail.strip()}" if (head + tail).strip() else ""


def _opening(line: LineStats) -> str:
    first = line.text.split(" ", 1)
    return first[0] if len(first) == 2 else ""


def _twins(lines: Sequence[LineStats]) -> list[float]:
    """Whether another line of the article opens with the same word or has the same frame (a list's rows)."""
    keys = [(_opening(x), _frame(x.text)) for x in lines]
    openings = Counter(k[0] for k in keys if k[0])
    frames = Counter(k[1] for k in keys if k[1])
    return [float(openings[o] > 1 or frames[f] > 1) for o, f in keys]


def _fragments(lines: Sequence[LineStats]) -> list[float]:
    """Whether a line is part of another line, or holds a short line (teaser + headline, name + byline)."""
    window = lines[:_MAX_FRAGMENT_LINES]
    joined = "\n".join(x.text for x in window)
    repeats = Counter(x.text for x in window)
    # a text found more often than it stands alone as a line sits inside some other line
    inside = [len(x.words) >= 2 and joined.count(x.text) > repeats[x.text] for x in lines]
    held = {x.text for x, flag in zip(lines, inside, strict=True) if flag and len(x.words) <= _HELD_WORDS}
    holds = [any(h in x.text and h != x.text for h in held) for x in lines]
    return [float(a or b) for a, b in zip(inside, holds, strict=True)]


def _shape_key(line: LineStats) -> str:
    """A short line's word pattern ("Aa Aa", "9 Aa a"): the rows of a list share it."""
    words = line.raw
    if not words or len(words) > _SHAPE_WORDS:
        return ""
    pattern = "".join("A" if w[0].isupper() else "a" if w[0].isalpha() else "9" for w in words)
    return pattern + ("." if TERMINAL.search(line.text) else "")


def _shape_runs(lines: Sequence[LineStats]) -> list[float]:
    keys = [_shape_key(x) for x in lines]
    counts = Counter(k for k in keys if k)
    return [min(counts[k] - 1, _SHAPE_RUN_CAP) / _SHAPE_RUN_CAP if k else 0.0 for k in keys]


def _curly_share(text: str) -> float:
    curly = sum(text.count(c) for c in "’‘“”")
    straight = text.count("'") + text.count('"')
    return curly / (curly + straight) if curly + straight else 0.5


def _typography_mismatch(text: str, article_curly_share: float) -> float:
    """A line typed with other quote marks than the article around it came from elsewhere on the page."""
    share = _curly_share(text)
    if share == 0.5:  # no quote marks at all
        return 0.0
    return abs(share - article_curly_share)


def _unechoed(line: LineStats, neighbour_echo: float, echo: float) -> dict[str, float]:
    """A heading is about the paragraph next to it; another story's headline is about neither neighbour."""
    headline = headline_like(line)
    short = len(line.words) <= _SHORT
    return {
        "headline_unechoed": float(headline) * (1.0 - neighbour_echo),
        "headline_novel": float(headline) * (1.0 - echo),
        "short_unechoed": float(short) * (1.0 - neighbour_echo),
    }


def _bridge(prev_line: LineStats | None, next_line: LineStats | None) -> float:
    """How much the lines either side talk about the same things: a line inserted between them interrupts."""
    if prev_line is None or next_line is None or not prev_line.content or not next_line.content:
        return 0.0
    return len(prev_line.content & next_line.content) / min(len(prev_line.content), len(next_line.content))


def _context(lines: Sequence[LineStats], index: int, counts: Counter[str], median: int) -> dict[str, float]:
    line = lines[index]
    n = len(line.words)
    prev_n = len(lines[index - 1].words) if index > 0 else 0
    next_n = len(lines[index + 1].words) if index + 1 < len(lines) else 0
    # content words that recur elsewhere in the article: a story's lines talk about the same things
    shared = [w for w in line.content if counts[w] > 1]
    echo = len(shared) / len(line.content) if line.content else 0.0
    isolated = prev_n >= _LONG and next_n >= _LONG
    short = n <= _SHORT
    novel_names = sum(counts[w] <= 1 for w in line.names)
    prev_line = lines[index - 1] if index > 0 else None
    next_line = lines[index + 1] if index + 1 < len(lines) else None
    echo_next = content_overlap(line, next_line)
    echo_prev = content_overlap(line, prev_line)
    return {
        "echo_next": echo_next,
        "echo_prev": echo_prev,
        **_unechoed(line, max(echo_next, echo_prev), echo),
        "bridge": _bridge(prev_line, next_line) * (1.0 - max(echo_next, echo_prev)),
        "short_after_short": float(short and 0 < prev_n <= _SHORT),
        "short_before_short": float(short and 0 < next_n <= _SHORT),
        "echo": echo,
        "novel_names": min(novel_names, 4) / 4,
        "novel_names_share": novel_names / len(line.names) if line.names else 0.0,
        "novel_words": min(6, len(line.content) - len(shared)) / 6,
        "echo_strong": sum(counts[w] > 2 for w in line.content) / len(line.content) if line.content else 0.0,
        "no_content": float(not line.content),
        "prev_log_words": math.log1p(prev_n),
        "next_log_words": math.log1p(next_n),
        "isolated_short": float(isolated and n <= 12),
        "isolated_short_open": float(isolated and n <= 12 and not TERMINAL.search(line.text)),
        "first": float(index == 0),
        "last": float(index == len(lines) - 1),
        "edge": float(index < 2 or index >= len(lines) - 2),
        "relative_length": min(3.0, n / median),
    }


def article_features(texts: Sequence[str]) -> list[dict[str, float]]:
    """One feature dict per line of the article, in order."""
    lines = [line_stats(t) for t in texts]
    counts: Counter[str] = Counter(w for line in lines for w in line.content)
    lengths = sorted(len(line.words) for line in lines)
    median = max(1, lengths[len(lengths) // 2]) if lengths else 1
    twins = _twins(lines)
    fragments = _fragments(lines)
    shape_runs = _shape_runs(lines)
    strays = stray_headlines(lines, counts)
    repeats = Counter(texts)
    # in a list-heavy article a short line is ordinary; among long paragraphs it stands out
    short_share = sum(len(x.words) <= _SHORT for x in lines) / len(lines) if lines else 0.0
    curly_share = _curly_share("".join(texts))
    stops = sum(x.stops for x in lines)
    article_english = sum(x.english for x in lines) / stops if stops else 1.0
    rows = []
    for i, line in enumerate(lines):
        row = {**_shape(line), **_context(lines, i, counts, median)}
        short = float(len(line.words) <= _SHORT)
        row.update(
            twin=twins[i],
            twin_short=twins[i] * short,
            duplicate=float(repeats[line.text] > 1),
            fragment=fragments[i],
            shape_run=shape_runs[i],
            short_in_lists=short * short_share,
            short_in_prose=short * (1.0 - short_share),
            typography_mismatch=_typography_mismatch(line.text, curly_share),
            language_gap=_language_gap(line, article_english),
            stray_headline=strays[i],
        )
        rows.append(row)
    return rows


LENGTH_CLASSES = ("short:", "mid:", "long:")  # up to 8 words (menus), up to 20 (headlines), prose


def length_class(row: Mapping[str, float]) -> str:
    """The prefix of a line's length class in `by_length` rows."""
    if row.get("words_le8"):
        return LENGTH_CLASSES[0]
    return LENGTH_CLASSES[1] if row.get("words_le20") else LENGTH_CLASSES[2]


def by_length(row: dict[str, float]) -> dict[str, float]:
    """Each feature twice, once as itself and once for its length class: each class weighs cues apart.

    Training sees these doubled rows; at run time LineModel folds the two weights into one per class.
    """
    prefix = length_class(row)
    return {**row, **{prefix + name: value for name, value in row.items()}}


def _case_shape(raw: Sequence[str]) -> str:
    """The capitalisation of a line's first words ("AaAA"): a headline's pattern, a sentence's, a name's."""
    return "".join("A" if w[0].isupper() else "a" if w[0].isalpha() else "9" for w in raw[:_SHAPE_WORDS])


def _end_mark(text: str) -> str:
    """What a line stops with: a letter, a digit, or its last punctuation mark."""
    last = text[-1:]
    return "a" if last.isalpha() else "9" if last.isdigit() else last


def _start_mark(text: str) -> str:
    """What a line opens with: a capital, a small letter, a digit, or its first punctuation mark."""
    first = text[:1]
    return "A" if first.isupper() else "a" if first.isalpha() else "9" if first.isdigit() else first


def token_features(text: str) -> set[str]:
    """The line's distinct lower-case words and word pairs, its first and last word and its case shape,
    for the learned per-token weights."""
    raw = WORD.findall(text)
    words = [w.lower() for w in raw]
    pairs = {f"w:{a}_{b}" for a, b in itertools.pairwise(words)}
    if not words:
        return set()
    marks = {f"w:^{words[0]}", f"w:{words[-1]}$", f"w:<{_start_mark(text)}", f"w:%{_end_mark(text)}"}
    if len(words) > 1:  # training inserts no one-word junk: a one-word shape would only ever learn "body"
        marks.add(f"w:#{_case_shape(raw)}")
    return {"w:" + w for w in words} | pairs | marks
