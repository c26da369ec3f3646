"""Photo captions: recognised by their credit tail ("... Credit: Reuters", "...May 17Credit:")."""

from __future__ import annotations

import re

# The tail names who took or owns the picture; capitalised, short, last on the line.
_CREDIT_TAIL = re.compile(
    r"\s*[(\[]?\s*(?:(?:Photo(?:graph)?|Image|Picture|Video)\s*)?(?:Credits?|Courtesy)\s*(?::|\.\.\.|…)"
    r"(?P<who>[^:]{0,80})$"
    r"|\s*[(\[]?\s*(?:Photo(?:graph)?|Image|Picture)s?\s*(?::|by\b)(?P<who2>[^:]{0,60})$"
    r"|\s*\((?:[A-Z][\w.&-]*\s){0,3}Photos?\s*(?:/|by\b)[^()]{0,60}\)\s*$"
)
_CREDIT_WORDS = re.compile(r"Credit|Courtesy|Photo|Image|Picture")
# "(Image credit: NASA)", "[Photo via Reuters]", "[Artwork via Nasa]": a bracketed source closing a caption
_SOURCE_TAIL = re.compile(
    r"\s*(?:\((?:Photo|Image|Picture)\s+(?:credit|courtesy)\s*:[^():]{1,60}\)"
    r"|\[(?:[\w.&'’-]+\s){1,3}via\s[^\[\]]{1,40}\])$"
)
_TAIL_CHARS = 160
_MAX_CREDIT_WORDS = 8
_MIN_CAPTION_WORDS = 4  # "Child Tax Credit:" is a subheading, not a caption


def split_caption(line: str) -> tuple[str, bool]:
    """(`line` without its credit tail, whether it had one); a line with a tail is a caption.

    A bare credit ("Photo: Reuters") comes back as ("", True): nothing to keep.
    """
    if line.endswith((")", "]")) and (tail := _SOURCE_TAIL.search(line, max(0, len(line) - _TAIL_CHARS))):
        caption = line[: tail.start()].rstrip(" -–—|,;")
        if len(caption.split()) >= _MIN_CAPTION_WORDS:  # a bare source on its own line is left as it is
            return caption, True
    if not _CREDIT_WORDS.search(line[-_TAIL_CHARS:]):  # cheap test first: most lines have no credit
        return line, False
    match = _CREDIT_TAIL.search(line, max(0, len(line) - _TAIL_CHARS))
    if match is None:
        return line, False
    credit = match.group("who") or match.group("who2") or ""
    if len(credit.split()) > _MAX_CREDIT_WORDS or (credit.rstrip().endswith((".", "!", "?")) and len(credit) > 40):
        return line, False
    caption = line[: match.start()].rstrip(" -–—|,;")
    if 0 < len(caption.split()) < _MIN_CAPTION_WORDS:
        return line, False
    return caption, True


# On a known caption, credits may also be an agency after the last sentence, or a label up front.
_AGENCY = r"(?:AP|AFP|EPA|Reuters|REUTERS|Getty Images|Getty|Shutterstock|Bloomberg|NYT|Statista)"
_KNOWN_CAPTION_TAIL = re.compile(
    rf"(?<=[.!?\]])\s*[A-Z][\w.' -]{{1,40}} / {_AGENCY}(?: [Ff]ile)?$"
    rf"|\s+{_AGENCY}(?:/[\w .'-]{{1,40}})?$"
    r"|\s*\[(?:File: )?[^\[\]]{1,60}\]$"
)
_CAPTION_LABEL = re.compile(
    rf"^(?:Image \d+ of \d+|Image caption|Caption|Above|Top|Pictured)\s*:?\s+|^[A-Z][\w.' -]{{1,40}} \| {_AGENCY}\s*"
)


def strip_credit(caption: str) -> str:
    """A caption without any trailing credit ("A crowd gathers. Photo: AP" → "A crowd gathers.")."""
    text, _had = split_caption(" ".join(caption.split()))
    text = _CAPTION_LABEL.sub("", text)
    return _KNOWN_CAPTION_TAIL.sub("", text).strip()
