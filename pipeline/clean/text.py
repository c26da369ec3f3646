"""Scraped plain text → article body without boilerplate lines, captions kept apart."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from pipeline.clean.blocks import split_blocks
from pipeline.clean.captions import split_caption
from pipeline.clean.features import article_features, token_features
from pipeline.clean.line_model import LineModel, default_model
from pipeline.clean.lines import WORD
from pipeline.clean.normalize import normalize_text
from pipeline.clean.vocabulary import is_junk_phrase
from pipeline.models import CleanArticle

_PROSE_WORDS = 40  # a line this long with two sentences is never boilerplate on looks alone
_PROSE_LOG_WORDS = math.log1p(_PROSE_WORDS)  # the same, as the feature `log_words` measures it


def is_rule_junk(line: str) -> bool:
    """Boilerplate whatever the context (see vocabulary.is_junk_phrase)."""
    return is_junk_phrase(line, len(WORD.findall(line)))


def rule_decision(features: Mapping[str, float]) -> bool | None:
    """Junk (True) or body (False) on rules alone, or None: the learned model decides.

    An interview's turn ("Q: ...", "A. ...") is body; a junk phrase (is_rule_junk, already a feature) or
    another story's headline between paragraphs is junk; long prose with two sentences is body unless it
    stops mid-sentence (a teaser cut short by its page).
    """
    if features["interview"]:
        return False
    if features["junk_rule"] or features["stray_headline"]:
        return True
    if features["log_words"] >= _PROSE_LOG_WORDS and features["sentences"] > 0 and features["terminal"]:
        return False
    return None


def junk_flags(lines: Sequence[str], model: LineModel) -> list[bool]:
    """For each line of one article, whether it is boilerplate (rules first, then the learned model)."""
    flags = []
    for line, features in zip(lines, article_features(lines), strict=True):
        decided = rule_decision(features)
        flags.append(model.is_junk(features, token_features(line)) if decided is None else decided)
    return flags


def separate_captions(lines: Sequence[str]) -> tuple[list[str], list[str]]:
    """(lines that are not captions, captions without their credit tails)."""
    rest: list[str] = []
    captions: list[str] = []
    for line in lines:
        caption, is_caption = split_caption(line)
        if not is_caption:
            rest.append(line)
        elif caption:
            captions.append(caption)
    return rest, captions


def clean_lines(lines: Sequence[str], model: LineModel | None = None) -> tuple[list[str], list[str]]:
    """(body paragraphs, captions) from an article's paragraph candidates."""
    rest, captions = separate_captions(lines)
    flags = junk_flags(rest, model or default_model())
    return [line for line, junk in zip(rest, flags, strict=True) if not junk], captions


def clean_text(raw: str, model: LineModel | None = None) -> CleanArticle:
    """Scraped text → body paragraphs joined by blank lines; no title (a feed's title wins upstream)."""
    body, captions = clean_lines(split_blocks(normalize_text(raw)), model)
    return CleanArticle(title=None, text="\n\n".join(body), captions=tuple(captions))
