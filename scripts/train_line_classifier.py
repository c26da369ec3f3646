"""Train the boilerplate-line classifier shipped as pipeline/clean/line_classifier.json.

Labelled lines come for free from an HTML extraction benchmark (pages + gold bodies): a page's visible
lines that are not in the gold body are boilerplate, the gold paragraphs are body. Articles like a
scraper's plain text are simulated by inserting a few of a page's boilerplate lines between its gold
paragraphs. Logistic regression over generic line + context features (pipeline/clean/features.py);
cross-validated by page so the reported figures are for pages the model has not seen.

Usage: python scripts/train_line_classifier.py DATA_DIR [--out PATH] [--check-text TEXT_DIR]
  DATA_DIR has html/<id>.html.gz and ground-truth.json; TEXT_DIR (optional) has text/<id>.txt + gold.json
  with the same ids, scored with out-of-fold models (requires scikit-learn: pip install -e .[dev]).
"""

from __future__ import annotations

import argparse
import bisect
import gzip
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.clean.blocks import split_blocks
from pipeline.clean.captions import split_caption
from pipeline.clean.features import LENGTH_CLASSES, article_features, by_length, token_features
from pipeline.clean.line_model import MODEL_FILE, LineModel
from pipeline.clean.lines import WORD
from pipeline.clean.normalize import normalize_text
from pipeline.clean.text import clean_text
from pipeline.clean.visible import visible_lines

DOCS_PER_PAGE = 48
JUNK_PER_ARTICLE = (2, 6)  # boilerplate lines inserted into one simulated article
MIN_JUNK_WORDS = 2
MIN_TOKEN_PAGES = 3  # a word gets its own weight only if it occurs on this many training pages
FOLDS = 8
REGULARISATION = 1.0
MIN_WEIGHT = 0.01  # smaller weights change no decision worth shipping
TARGET_KEPT = 0.975  # share of body lines the threshold must keep on held-out pages


def norm(text: str) -> str:
    return " " + " ".join(w.lower() for w in WORD.findall(text)) + " "


def page_examples(html: str, body: str) -> tuple[list[str], list[str]]:
    """(gold paragraphs, boilerplate lines) of one page."""
    paragraphs = split_blocks(normalize_text(body.replace("\n", "\n\n")))
    gold = norm(body)
    junk = sorted({line for line in visible_lines(html) if norm(line) not in gold})
    return paragraphs, junk


def simulated_articles(paragraphs: list[str], junk: list[str], rng: random.Random) -> Iterator[list[tuple[str, int]]]:
    """Scraper-like articles: the gold paragraphs with a few boilerplate lines inserted at random.

    Single words ("Home", "Menu") are left out: a scraper's text keeps lines of text, and the easy
    one-word junk would crowd out the headlines and prompts the model must learn.
    """
    pool = [line for line in junk if len(WORD.findall(line)) >= MIN_JUNK_WORDS]
    for _ in range(DOCS_PER_PAGE):
        lines = [(p, 0) for p in paragraphs]
        for line in rng.sample(pool, min(len(pool), rng.randint(*JUNK_PER_ARTICLE))):
            lines.insert(rng.randint(0, len(lines)), (line, 1))
        yield [(line, label) for line, label in lines if not split_caption(line)[1]]


def featurize(lines: Sequence[str]) -> list[dict[str, float]]:
    rows = [by_length(row) for row in article_features(lines)]
    for row, line in zip(rows, lines, strict=True):
        row.update(dict.fromkeys(token_features(line), 1.0))
    return rows


class Dataset:
    """Feature rows, labels (1 = boilerplate) and page ids of every simulated article's lines."""

    def __init__(self) -> None:
        self.rows: list[dict[str, float]] = []
        self.labels: list[int] = []
        self.pages: list[str] = []

    def add_page(self, page: str, paragraphs: list[str], junk: list[str], rng: random.Random) -> None:
        for article in simulated_articles(paragraphs, junk, rng):
            lines = [line for line, _ in article]
            self.rows.extend(featurize(lines))
            self.labels.extend(label for _, label in article)
            self.pages.extend([page] * len(article))


def fit(rows: list[dict[str, float]], labels: list[int], pages: list[str]) -> LineModel:
    """Logistic regression; words get weights only when common across pages (no site names)."""
    token_pages: dict[str, set[str]] = {}
    for row, page in zip(rows, pages, strict=True):
        for name in row:
            if name.startswith("w:"):
                token_pages.setdefault(name, set()).add(page)
    vocab = {t for t, ps in token_pages.items() if len(ps) >= MIN_TOKEN_PAGES}
    vectorizer = DictVectorizer()
    kept = [{k: v for k, v in r.items() if not k.startswith("w:") or k in vocab} for r in rows]
    matrix = vectorizer.fit_transform(kept)
    lines_per_page = Counter(pages)
    # big pages (hundreds of list items) must not drown the others: weight 1/sqrt(page size)
    weights = [1.0 / math.sqrt(lines_per_page[p]) for p in pages]
    clf = LogisticRegression(C=REGULARISATION, max_iter=3000, class_weight="balanced")
    clf.fit(matrix, labels, sample_weight=weights)
    names = vectorizer.get_feature_names_out()
    coefs = {str(n): round(float(w), 4) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) >= MIN_WEIGHT}
    return LineModel(bias=round(float(clf.intercept_[0]), 4), weights=coefs, threshold=0.5)


def _dropping(body_descending: list[float], count: int) -> float:
    """The threshold that drops the `count` most junk-like body lines."""
    return round(body_descending[count] + 1e-6, 5) if count < len(body_descending) else 0.0


def pick_thresholds(probabilities: list[float], labels: list[int], short: list[bool]) -> tuple[float, float]:
    """(long-line, short-line) thresholds removing the most junk while TARGET_KEPT of all body lines stay."""
    classes = {}
    for flag in (False, True):
        pairs = [(p, y) for p, y, s in zip(probabilities, labels, short, strict=True) if s == flag]
        classes[flag] = (sorted((p for p, y in pairs if y == 0), reverse=True), sorted(p for p, y in pairs if y == 1))
    budget = int((1 - TARGET_KEPT) * sum(len(body) for body, _ in classes.values()))
    best: tuple[int, float, float] = (-1, 1.0, 1.0)
    for short_drops in range(budget + 1):
        cut = {
            True: _dropping(classes[True][0], short_drops),
            False: _dropping(classes[False][0], budget - short_drops),
        }
        removed = sum(len(junk) - bisect.bisect_left(junk, cut[flag]) for flag, (_, junk) in classes.items())
        if removed > best[0]:
            best = (removed, cut[False], cut[True])
    return best[1], best[2]


def with_threshold(model: LineModel, threshold: float, short_threshold: float | None = None) -> LineModel:
    return LineModel(bias=model.bias, weights=model.weights, threshold=threshold, short_threshold=short_threshold)


def cross_validate(data: Dataset) -> tuple[list[float], dict[str, LineModel]]:
    """Out-of-fold junk probabilities of every line, and the model that did not see each page."""
    probabilities = [0.0] * len(data.labels)
    page_model: dict[str, LineModel] = {}
    for train, test in GroupKFold(n_splits=FOLDS).split(data.rows, data.labels, data.pages):
        model = fit([data.rows[i] for i in train], [data.labels[i] for i in train], [data.pages[i] for i in train])
        for i in test:
            row = data.rows[i]
            features = {k: v for k, v in row.items() if not k.startswith(("w:", *LENGTH_CLASSES))}
            probabilities[i] = model.junk_probability(features, [k for k in row if k.startswith("w:")])
            page_model[data.pages[i]] = model
    return probabilities, page_model


def line_report(probabilities: list[float], labels: list[int], cuts: list[float]) -> str:
    junk = [p >= t for p, y, t in zip(probabilities, labels, cuts, strict=True) if y == 1]
    body = [p < t for p, y, t in zip(probabilities, labels, cuts, strict=True) if y == 0]
    return f"held-out lines: junk removed {sum(junk) / len(junk):.4f}, body kept {sum(body) / len(body):.4f}"


def check_text(text_dir: Path, page_model: dict[str, LineModel], thresholds: tuple[float, float]) -> str:
    """The text-cleaning scorer's junk_removed / paragraphs_kept, each article cleaned by an unseen model."""
    gold = json.loads((text_dir / "gold.json").read_text(encoding="utf-8"))
    junk_total = junk_removed = paras_total = paras_kept = 0
    for key, item in gold.items():
        if key not in page_model:
            continue
        raw = (text_dir / "text" / f"{key}.txt").read_text(encoding="utf-8")
        out = norm(clean_text(raw, with_threshold(page_model[key], *thresholds)).text)
        for line in item["junk"]:
            if WORD.search(line):
                junk_total += 1
                junk_removed += norm(line) not in out or norm(line) in norm(item["body"])
        for para in item["body"].split("\n"):
            if WORD.search(para):
                paras_total += 1
                paras_kept += norm(para) in out
    return (
        f"text check (out-of-fold): junk removed {junk_removed / junk_total:.4f}, "
        f"paragraphs kept {paras_kept / paras_total:.4f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1] / "pipeline/clean" / MODEL_FILE)
    parser.add_argument("--check-text", type=Path)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    gold = json.loads((args.data_dir / "ground-truth.json").read_text(encoding="utf-8"))
    rng = random.Random(args.seed)
    data = Dataset()
    for page, item in sorted(gold.items()):
        raw = gzip.decompress((args.data_dir / "html" / f"{page}.html.gz").read_bytes())
        data.add_page(page, *page_examples(raw.decode("utf-8", "replace"), item["articleBody"]), rng)
    print(f"{len(set(data.pages))} pages, {len(data.labels)} lines, {sum(data.labels)} boilerplate")
    probabilities, page_model = cross_validate(data)
    short = [bool(row["words_le8"]) for row in data.rows]
    thresholds = pick_thresholds(probabilities, data.labels, short)
    cuts = [thresholds[s] for s in short]
    print(f"thresholds (long, short) {thresholds}; {line_report(probabilities, data.labels, cuts)}")
    if args.check_text:
        print(check_text(args.check_text, page_model, thresholds))
    model = with_threshold(fit(data.rows, data.labels, data.pages), *thresholds)
    payload = {
        "about": "boilerplate-line logistic regression; see scripts/train_line_classifier.py",
        "bias": model.bias,
        "threshold": model.threshold,
        "short_threshold": model.short_threshold,
        "weights": dict(sorted(model.weights.items())),
    }
    args.out.write_text(json.dumps(payload, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(model.weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
