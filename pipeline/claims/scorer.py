"""The learned attribution scorer: a logistic model over candidate features (weights ship as JSON)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat

WEIGHTS_FILE = "attribution_weights.json"


def _weight_sum(weights: dict[str, float], feats: list[str]) -> float:
    return sum(map(weights.get, feats, repeat(0.0)))  # same order as a loop, faster


def _logistic(weights: dict[str, float], feats: list[str]) -> float:
    z = _weight_sum(weights, feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True, slots=True)
class AttributionScorer:
    """Two logistic models: is this token a cue (`cue`), and which reading is its content (`content`).
    `threshold` is the cue probability an attribution needs to be kept."""

    cue: dict[str, float]
    content: dict[str, float]
    threshold: float = 0.5
    best_reading_headroom: float = math.inf  # most the best reading's features can add to the cue's z

    def cue_probability(self, feats: list[str]) -> float:
        return _logistic(self.cue, feats)

    def may_pass(self, cue_feats: list[str]) -> bool:
        """False when the cue's probability stays under the threshold whatever its best reading."""
        z = _weight_sum(self.cue, cue_feats) + self.best_reading_headroom
        return z >= 30.0 or 1.0 / (1.0 + math.exp(-max(-30.0, z))) >= self.threshold

    def content_score(self, feats: list[str]) -> float:
        """The ranker's score of one reading (compared only among the readings of one cue)."""
        return _weight_sum(self.content, feats)


@lru_cache(maxsize=1)
def load_scorer() -> AttributionScorer:
    """The scorer trained by scripts/train_attribution.py; an empty model if the file is missing."""
    try:
        raw = resources.files("pipeline.claims").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return AttributionScorer(cue={}, content={}, threshold=1.0)
    data = json.loads(raw)
    cue = data["cue"]
    return AttributionScorer(cue, data["content"], float(data["threshold"]), best_reading_headroom(cue))


def best_reading_headroom(cue: dict[str, float]) -> float:
    """Upper bound of what `with_best_reading` adds: the best positive weight per reading key
    (a reading has one feature per key)."""
    best: dict[str, float] = {}
    for name, weight in cue.items():
        if name.startswith("best|"):
            key = name[5:].split("=", 1)[0]
            best[key] = max(best.get(key, 0.0), weight)
    return sum(best.values())
