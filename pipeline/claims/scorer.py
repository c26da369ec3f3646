"""The learned attribution scorer: a logistic model over candidate features (weights ship as JSON)."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

WEIGHTS_FILE = "attribution_weights.json"


@dataclass(frozen=True, slots=True)
class AttributionScorer:
    """Weights per feature string; `threshold` is the probability a candidate needs to be kept."""

    weights: dict[str, float]
    threshold: float = 0.5

    def probability(self, feats: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_scorer() -> AttributionScorer:
    """The scorer trained by scripts/train_attribution.py; an empty model if the file is missing."""
    try:
        raw = resources.files("pipeline.claims").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    except FileNotFoundError:
        return AttributionScorer(weights={}, threshold=1.0)
    data = json.loads(raw)
    return AttributionScorer(weights=dict(data["weights"]), threshold=float(data["threshold"]))
