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
import hashlib
import inspect
import json
import re
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np
import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin

import pipeline.nlp
from pipeline.claims.candidates import Candidate, candidates
from pipeline.claims.features import content_features, cue_features, with_best_reading
from pipeline.claims.quotations import QuotedSpans, find_quotations
from pipeline.claims.tokens import DocTokens
from pipeline.clean import clean
from pipeline.models import RawArticle
from pipeline.nlp import load_nlp
from worker.settings import get_settings

MIN_WEIGHT = 0.05  # smaller weights change no decision on dev and double the file
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
    """Gold offsets moved from the raw file onto the cleaned text the model parsed; when cleaning
    dropped lines, each span is found by its words, and attributions in dropped lines are left out."""
    mapping = align(raw, text)
    if mapping is not None:
        return text, [{k: [(mapping[s], mapping[e]) for s, e in v] for k, v in g.items()} for g in golds]
    moved = []
    for gold in golds:
        found = {k: [m for s, e in v if (m := find_span(raw, s, e, text)) is not None] for k, v in gold.items()}
        if found.get("content"):
            moved.append({k: v for k, v in found.items() if v})
    return text, moved


def find_span(raw: str, start: int, end: int, text: str) -> tuple[int, int] | None:
    """Where raw[start:end] sits in the cleaned text (whitespace-insensitive, nearest by position)."""
    words = raw[start:end].split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    near = start * len(text) / max(1, len(raw))
    hits = [m.span() for m in pattern.finditer(text)]
    return min(hits, key=lambda h: abs(h[0] - near)) if hits else None


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


Rows = list[tuple[list[str], int]]


def is_gold_cue(cue_span: tuple[int, int], golds: list[Gold]) -> bool:
    return any(s < cue_span[1] and cue_span[0] < e for g in golds for s, e in g.get("cue", []))


CueGroup = tuple[list[str], int, Rows]


def examples(doc: Doc, golds: list[Gold]) -> list[CueGroup]:
    """Per cue token: its cue features, whether it is a gold cue with a matching reading, and the
    features and labels of all its readings."""
    text = doc.text
    quotations = find_quotations(text)
    quoted = QuotedSpans([q.inner for q in quotations])
    tokens = DocTokens.of(doc, text)
    by_cue: dict[int, list[Candidate]] = defaultdict(list)
    for cand in candidates(doc, text, quotations, tokens):
        by_cue[cand.cue].append(cand)
    out: list[CueGroup] = []
    for group in by_cue.values():
        last = doc[group[0].cue_end - 1]
        cue_span = (doc[group[0].cue].idx, last.idx + len(last))
        labels = [label(cue_span, c.start, c.end, golds) for c in group]
        readings = [(content_features(tokens, text, c, group, quoted), y) for c, y in zip(group, labels, strict=True)]
        out.append((cue_features(tokens, text, group, quoted), int(any(labels)), readings))
    return out


CROSS_FIT_PARTS = 4


def article_groups(docs: list[Doc], articles: list[tuple[str, str, list[Gold]]]) -> list[list[CueGroup]]:
    """Each parsed article's cue groups, labelled by its gold moved onto the cleaned text."""
    out: list[list[CueGroup]] = []
    for doc, (_, raw, golds) in zip(docs, articles, strict=True):
        moved = to_clean(raw, golds, doc.text)
        out.append(examples(doc, moved[1]) if moved is not None else [])
    return out


L2 = 1e-4
EPOCHS = 800


def fit_both(groups: list[CueGroup], l2: float, epochs: int) -> tuple[dict[str, float], dict[str, float]]:
    """The ranker (on cues with a correct reading), then the cue model seeing each cue's top reading
    and learning whether that reading is a correct one: a cue whose ranker would pick a wrong
    reading makes a wrong attribution and misses the right one, so it is better left out. The top
    reading comes from a ranker trained without the cue (the groups cut into `CROSS_FIT_PARTS`
    runs, in article order; each run ranked by a ranker fitted on the others), so the cue model
    learns from the ranker's mistakes on unseen text, not from its near-perfect recall of its own
    training cues."""
    ranker = fit_ranker([readings for _, y, readings in groups if y], l2, epochs)
    rows: Rows = []
    n = len(groups)
    for part in range(CROSS_FIT_PARTS):
        lo, hi = part * n // CROSS_FIT_PARTS, (part + 1) * n // CROSS_FIT_PARTS
        others = fit_ranker([readings for _, y, readings in groups[:lo] + groups[hi:] if y], l2, epochs)
        rows += cue_rows(groups[lo:hi], others)
    return fit(rows, l2, epochs), ranker


def cue_rows(groups: list[CueGroup], ranker: dict[str, float]) -> Rows:
    """Each cue's features with its top-ranked reading's, labelled by whether that reading is correct."""
    rows: Rows = []
    for cue_feats, _, readings in groups:
        best = max(readings, key=lambda r: sum(ranker.get(f, 0.0) for f in r[0]))
        rows.append((with_best_reading(cue_feats, best[0]), best[1]))
    return rows


class Design:
    """Sparse binary design matrix as (row of each nonzero, feature of each nonzero)."""

    def __init__(self, rows: Rows) -> None:
        self.vocab: dict[str, int] = {}
        idx_rows = [[self.vocab.setdefault(f, len(self.vocab)) for f in feats] for feats, _ in rows]
        self.flat = np.concatenate([np.array(r, dtype=np.int64) for r in idx_rows])
        self.owner = np.repeat(np.arange(len(rows)), [len(r) for r in idx_rows])
        self.y = np.array([lab for _, lab in rows], dtype=np.float64)
        self.n = len(rows)

    def scores(self, w: np.ndarray) -> np.ndarray:
        return np.bincount(self.owner, weights=w[self.flat], minlength=self.n)

    def backprop(self, err: np.ndarray) -> np.ndarray:
        return np.bincount(self.flat, weights=err[self.owner], minlength=len(self.vocab))

    def weights(self, w: np.ndarray) -> dict[str, float]:
        names = {i: f for f, i in self.vocab.items()}
        return {names[i]: round(float(x), 4) for i, x in enumerate(w) if abs(x) >= MIN_WEIGHT}


def adam(design: Design, error: Callable[[np.ndarray], np.ndarray], l2: float, epochs: int) -> dict[str, float]:
    """Full-batch Adam on a loss whose gradient per row is `error(scores)`."""
    w = np.zeros(len(design.vocab))
    m, v = np.zeros_like(w), np.zeros_like(w)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for step in range(1, epochs + 1):
        grad = design.backprop(error(design.scores(w))) / design.n + l2 * w
        m = b1 * m + (1 - b1) * grad
        v = b2 * v + (1 - b2) * grad**2
        w -= lr * (m / (1 - b1**step)) / (np.sqrt(v / (1 - b2**step)) + 1e-8)
    return design.weights(w)


def fit(rows: Rows, l2: float, epochs: int) -> dict[str, float]:
    """Logistic regression: is this row positive."""
    design = Design(rows)
    return adam(design, lambda z: 1 / (1 + np.exp(-np.clip(z, -30, 30))) - design.y, l2, epochs)


def fit_ranker(groups: list[Rows], l2: float, epochs: int) -> dict[str, float]:
    """Listwise softmax ranker: maximise the probability mass on a group's correct readings."""
    design = Design([row for group in groups for row in group])
    gid = np.repeat(np.arange(len(groups)), [len(g) for g in groups])

    def error(z: np.ndarray) -> np.ndarray:
        z = z - np.bincount(gid, weights=z, minlength=len(groups))[gid] / np.bincount(gid)[gid]
        e = np.exp(np.clip(z, -30, 30))
        p = e / np.bincount(gid, weights=e, minlength=len(groups))[gid]
        q = p * design.y
        q = q / np.maximum(np.bincount(gid, weights=q, minlength=len(groups))[gid], 1e-12)
        return np.asarray((p - q) * len(design.y) / len(groups))

    return adam(design, error, l2, epochs)


def parsed_docs(nlp_name: str, exclude: tuple[str, ...], raws: list[str], docbin: Path | None) -> list[Doc]:
    """The cleaned articles parsed by the project's model and components (production's SPACY_EXCLUDE),
    read from / written to a DocBin cache. The cache is used only while its key still holds: the
    cleaned texts, the model's name and version, the pipeline's components and the code that adds
    the project's own component; after any change to those the articles are parsed again."""
    nlp = load_nlp(nlp_name, exclude)
    texts = [clean(RawArticle(text=raw)).text for raw in raws]
    key = cache_key(nlp, texts)
    stamp = docbin.with_name(docbin.name + ".key") if docbin is not None else None
    if docbin is not None and stamp is not None and docbin.exists() and stamp.exists():
        if stamp.read_text(encoding="utf-8").strip() == key:
            return list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
        print(f"{docbin} was parsed from other texts or another model: parsing again")
    docs = list(nlp.pipe(texts, batch_size=16))
    if docbin is not None and stamp is not None:
        docbin.parent.mkdir(parents=True, exist_ok=True)
        DocBin(docs=docs).to_disk(docbin)
        stamp.write_text(key + "\n", encoding="utf-8")
    return docs


def cache_key(nlp: Language, texts: list[str]) -> str:
    """A digest of everything a parse depends on."""
    digest = hashlib.sha256()
    meta = nlp.meta
    parts = [meta.get("lang", ""), meta.get("name", ""), meta.get("version", ""), spacy.about.__version__]
    parts += nlp.pipe_names
    parts.append(inspect.getsource(pipeline.nlp))
    for part in parts + texts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def main() -> int:
    settings = get_settings()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--docbin", type=Path, help="cache of parsed cleaned texts (written if missing)")
    ap.add_argument("--model", default=settings.spacy_model)
    ap.add_argument("--exclude", default=",".join(settings.excluded_components), help="as SPACY_EXCLUDE")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument(
        "--threshold",
        type=float,
        default=0.26,
        help="cue probability to keep (4-fold cross-validation: 0.26 best of 0.23, 0.26, 0.29, 0.32)",
    )
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    articles = load_articles(args.data_dir)
    exclude = tuple(c.strip() for c in args.exclude.split(",") if c.strip())
    print(f"model {args.model}, excluded components: {','.join(exclude) or '(none)'}")
    docs = parsed_docs(args.model, exclude, [raw for _, raw, _ in articles], args.docbin)
    groups = [group for per_article in article_groups(docs, articles) for group in per_article]
    print(f"{len(articles)} articles, {len(groups)} cue candidates, {sum(g[1] for g in groups)} attributions")
    cue, ranker = fit_both(groups, args.l2, args.epochs)
    model = {"threshold": args.threshold, "cue": cue, "content": ranker}
    args.out.write_text(json.dumps(model, indent=0, sort_keys=True))
    print(f"{len(model['cue'])} + {len(model['content'])} weights → {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
