"""Character-level repairs that would otherwise break NLP: mojibake, control characters, odd spaces."""

from __future__ import annotations

import re
import unicodedata

# cp1252 maps bytes 0x80-0x9f to these characters; mojibake made through cp1252 carries them.
_CP1252_HIGH = bytes(range(0x80, 0xA0)).decode("cp1252", errors="ignore")
_TO_BYTE = {ch: ch.encode("cp1252")[0] for ch in _CP1252_HIGH}
_CONT = "[\x80-\xbf" + re.escape(_CP1252_HIGH) + "]"
# A UTF-8 lead byte read as Latin-1/cp1252, then exactly the continuation bytes it announces.
_MOJIBAKE = re.compile(f"[\xc2-\xdf]{_CONT}|[\xe0-\xef]{_CONT}{{2}}|[\xf0-\xf4]{_CONT}{{3}}")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b\u200e\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_LINE_BREAKS = re.compile("\r\n?|[\u2028\u2029\x0b\x0c]")
# "Â" left alone before a space: the first byte of a mojibake no-break space whose second byte was lost
_STRAY_A_CIRCUMFLEX = re.compile(r"(?<!\S)Â(?=\s)")
# "infor-\nmation": a word split at a line end, continued in lower case on the next line.
# spaCy's tokenizer strips suffixes one at a time, each a search over the rest of the chunk: quadratic in
# a long run of punctuation (20,000 quote marks: 90 s). No text needs more than a hundred in a row.
_PUNCTUATION_RUN = re.compile(r"[^\w\s]{101,}")
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[a-zà-ÿ])")


def _repair_sequence(match: re.Match[str]) -> str:
    text = match.group(0)
    try:
        raw = bytes(_TO_BYTE.get(ch, ord(ch)) for ch in text)
        return raw.decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return text


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Latin-1/cp1252 ("donâ€™t" → "don’t"), sequence by sequence."""
    return _MOJIBAKE.sub(_repair_sequence, text)


def normalize_text(text: str) -> str:
    """Repair a whole input: line breaks, mojibake, hyphenation, control characters, spaces, and runs
    of punctuation too long for the tokenizer (cut to 100 characters).

    Line structure is kept (one input line stays one line, except words split by a hyphen).
    """
    text = _LINE_BREAKS.sub("\n", text)
    text = fix_mojibake(text)
    text = _STRAY_A_CIRCUMFLEX.sub("", text)
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = _HYPHENATED.sub("", text)
    text = _PUNCTUATION_RUN.sub(lambda m: m.group()[:100], text)
    text = _SPACES.sub(" ", text)  # no newline among them: one pass over the whole text, then each line
    return "\n".join(line.strip() for line in text.split("\n"))
