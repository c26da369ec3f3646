#!/usr/bin/env python3
"""How far apart PolNeAR's own annotators are, measured with the shared attribution scorer.

Some articles of a PolNeAR-style folder carry several annotators' files (`STEM_<annotator>.ann`);
the shared scorer reads only the first in name order as gold. Each other annotator's attributions
are written as a prediction record (content from its first to its last character, as one span, the
way newsworker reports one; the first source and cue span) and scored against that gold, so the
figures say what content and attribution F1 a second careful human reaches on the same articles:
the ceiling the scorer's content bar sits under. With `--predictions` (JSON Lines of newsworker
records, e.g. `make crossval CROSSVAL_ARGS="--keep DIR"` then DIR/*.jsonl), newsworker's records for
the same articles are scored in the same way.

Usage: .venv/bin/python scripts/annotator_agreement.py ../shared/data/polnear-train \\
           --scorer ../shared/eval/score_attribution.py [--predictions DIR/fold0.jsonl ...]
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from crossval_attribution import load_scorer_module
from train_attribution import Gold, parse_ann

Record = dict[str, Any]
_SHOWN = ("gold", "predicted", "matched", "content_precision", "content_recall", "content_f1", "attribution_f1")


def annotated_by_several(data_dir: Path) -> dict[str, list[Path]]:
    """Each article stem with two or more annotation files, in the scorer's order (gold first)."""
    files: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((data_dir / "attributions").glob("*.ann")):
        files[ann.stem.rsplit("_", 1)[0]].append(ann)
    return {stem: anns for stem, anns in files.items() if len(anns) > 1}


def as_record(stem: str, raw: str, golds: Iterable[Gold]) -> Record:
    """One annotator's attributions as the record `newsworker extract` prints (offsets into `raw`)."""
    claims = []
    for gold in golds:
        start = min(s for s, _ in gold["content"])
        end = max(e for _, e in gold["content"])
        claim: Record = {"kind": "quote", "content": {"text": raw[start:end], "start": start, "end": end}}
        for role in ("source", "cue"):
            if gold.get(role):
                s, e = gold[role][0]
                claim["speaker" if role == "source" else role] = {"text": raw[s:e], "start": s, "end": e}
        claims.append(claim)
    return {"id": stem, "text": raw, "claims": claims}


Score = Callable[[Path, Path, float], dict[str, Any]]


def score_records(score: Score, data_dir: Path, gold_files: dict[str, Path], records: list[Record]) -> dict[str, Any]:
    """The shared scorer over `records`, with `gold_files` (stem → .ann) as the only gold."""
    with tempfile.TemporaryDirectory() as tmp:
        gold = Path(tmp)
        for sub in ("text", "attributions"):
            (gold / sub).mkdir()
        for stem, ann in gold_files.items():
            (gold / "text" / f"{stem}.txt").symlink_to((data_dir / "text" / f"{stem}.txt").resolve())
            (gold / "attributions" / ann.name).symlink_to(ann.resolve())
        preds = gold / "predictions.jsonl"
        preds.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        return score(gold, preds, 0.5)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data_dir", type=Path)
    ap.add_argument("--scorer", type=Path, required=True, help="the shared score_attribution.py")
    ap.add_argument("--predictions", type=Path, nargs="*", default=[], help="newsworker records to score alike")
    args = ap.parse_args()
    score = load_scorer_module(args.scorer)
    several = annotated_by_several(args.data_dir)
    if not several:
        raise SystemExit(f"no article in {args.data_dir} has more than one annotation file")
    first = {stem: anns[0] for stem, anns in several.items()}
    print(f"{len(several)} articles with several annotators; gold: the first file of each, as the scorer reads")
    for k in range(1, max(len(anns) for anns in several.values())):
        stems = [stem for stem, anns in several.items() if len(anns) > k]
        records = []
        for stem in stems:
            raw = (args.data_dir / "text" / f"{stem}.txt").read_text(encoding="utf-8")
            records.append(as_record(stem, raw, parse_ann(several[stem][k])))
        result = score_records(score, args.data_dir, {s: first[s] for s in stems}, records)
        print(f"annotator {k + 1} ({len(stems)} articles): " + ", ".join(f"{key} {result[key]}" for key in _SHOWN))
    if args.predictions:
        ours = {}
        for path in args.predictions:
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    if record["id"] in several:
                        ours[record["id"]] = record
        if ours:
            result = score_records(score, args.data_dir, {s: first[s] for s in ours}, list(ours.values()))
            print(f"newsworker ({len(ours)} articles): " + ", ".join(f"{key} {result[key]}" for key in _SHOWN))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
