#!/usr/bin/env python3
"""Cross-validate the attribution scorer: the estimate of how it does on articles it never saw.

The articles of a PolNeAR-style folder are dealt into k folds (article i to fold i mod k). For each
fold, the scorer is trained exactly as scripts/train_attribution.py trains the shipped one, on the
other folds' articles (or the first --fraction of them, for a learning curve); the fold's articles
then go through entities and claims with that scorer, and the shared scorer scores them against
their gold. Printed: each fold's figures, the content F1 pooled over folds (matches, predictions and
gold summed) and the mean attribution F1.

Usage: .venv/bin/python scripts/crossval_attribution.py ../shared/data/polnear-train \\
           --scorer ../shared/eval/score_attribution.py [--docbin CACHE] [--folds 4] [--fraction 1.0]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import tempfile
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Any

import train_attribution as train
from spacy.tokens import Doc

from pipeline.claims import extract_claims
from pipeline.claims.scorer import scorer_from
from pipeline.entities import extract_entities
from pipeline.record import claim_record
from worker.settings import get_settings

Score = Callable[[Path, Path, float], dict[str, Any]]


class Corpus:
    """The parsed articles, each one's training cue groups and the shared scorer (made once, shared
    by the folds)."""

    def __init__(
        self, data_dir: Path, stems: list[str], docs: list[Doc], groups: list[list[train.CueGroup]], score: Score
    ) -> None:
        self.data_dir, self.stems, self.docs, self.groups, self.score = data_dir, stems, docs, groups, score


_CORPUS: Corpus | None = None  # set before the worker processes fork


def load_scorer_module(path: Path) -> Score:
    spec = importlib.util.spec_from_file_location("shared_score_attribution", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    score: Score = module.score
    return score


def run_fold(fold: int, folds: int, fraction: float, threshold: float, keep: Path | None) -> dict[str, Any]:
    corpus = _CORPUS
    assert corpus is not None
    pool = [i for i in range(len(corpus.docs)) if i % folds != fold]
    pool = pool[: max(1, round(len(pool) * fraction))]
    cue, ranker = train.fit_both([g for i in pool for g in corpus.groups[i]], train.L2, train.EPOCHS)
    scorer = scorer_from(cue, ranker, threshold)
    held_out = [i for i in range(len(corpus.docs)) if i % folds == fold]
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp) / "gold"
        for sub in ("text", "attributions"):
            (gold / sub).mkdir(parents=True)
        preds = (keep or Path(tmp)) / f"fold{fold}.jsonl"
        with preds.open("w", encoding="utf-8") as out:
            for i in held_out:
                stem, doc = corpus.stems[i], corpus.docs[i]
                sources = [corpus.data_dir / "text" / f"{stem}.txt"]
                sources += (corpus.data_dir / "attributions").glob(stem + "_*.ann")
                for src in sources:
                    (gold / src.parent.name / src.name).symlink_to(src.resolve())
                text = doc.text
                claims = extract_claims(doc, extract_entities(doc, text), text, scorer)
                out.write(json.dumps({"id": stem, "text": text, "claims": [claim_record(c) for c in claims]}) + "\n")
        result = corpus.score(gold, preds, 0.5)
    result["fold"] = fold
    result["trained_on"] = len(pool)
    return result


def main() -> int:
    global _CORPUS
    settings = get_settings()
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--scorer", type=Path, required=True, help="the shared score_attribution.py")
    ap.add_argument("--docbin", type=Path, help="cache of parsed cleaned texts (as train_attribution.py's)")
    ap.add_argument("--folds", type=int, default=4)
    ap.add_argument("--fraction", type=float, default=1.0, help="train on this share of the other folds")
    ap.add_argument("--threshold", type=float, default=None, help="cue threshold (default: the shipped one)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="write each fold's predictions to this folder (foldK.jsonl)")
    args = ap.parse_args()
    threshold = args.threshold
    if threshold is None:
        threshold = json.loads(train.OUT.read_text(encoding="utf-8"))["threshold"]
    if args.keep is not None:
        args.keep.mkdir(parents=True, exist_ok=True)
    articles = train.load_articles(args.data_dir)
    exclude = tuple(settings.excluded_components)
    docs = train.parsed_docs(settings.spacy_model, exclude, [raw for _, raw, _ in articles], args.docbin)
    groups = train.article_groups(docs, articles)
    _CORPUS = Corpus(args.data_dir, [stem for stem, _, _ in articles], docs, groups, load_scorer_module(args.scorer))
    print(
        f"{len(articles)} articles, {args.folds} folds, training on {args.fraction:.0%} of the others,"
        f" cue threshold {threshold}"
    )
    with ProcessPoolExecutor(max_workers=args.jobs, mp_context=get_context("fork")) as pool:
        futures = [pool.submit(run_fold, k, args.folds, args.fraction, threshold, args.keep) for k in range(args.folds)]
        results = [f.result() for f in futures]
    for r in results:
        print(
            f"fold {r['fold']}: trained on {r['trained_on']} articles; content F1 {r['content_f1']:.4f}"
            f" (P {r['content_precision']:.4f}, R {r['content_recall']:.4f}), attribution F1 {r['attribution_f1']:.4f}"
        )
    matched = sum(r["matched"] for r in results)
    precision = matched / max(1, sum(r["predicted"] for r in results))
    recall = matched / max(1, sum(r["gold"] for r in results))
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    attribution = sum(r["attribution_f1"] for r in results) / len(results)
    print(f"cross-validated: content F1 {f1:.4f} (P {precision:.4f}, R {recall:.4f}), attribution F1 {attribution:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
