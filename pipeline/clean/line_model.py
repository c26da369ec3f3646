"""The learned line classifier: logistic regression weights shipped as JSON, scored in pure Python."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

MODEL_FILE = "line_classifier.json"


@dataclass(frozen=True, slots=True)
class LineModel:
    """P(junk | line features); a line is junk when the probability reaches `threshold`.

    Short lines (feature `words_le8`) may have their own `short_threshold`: their errors cost differently.
    """

    bias: float
    weights: Mapping[str, float]
    threshold: float
    short_threshold: float | None = None

    def junk_probability(self, features: Mapping[str, float], tokens: Iterable[str] = ()) -> float:
        score = self.bias + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        score += sum(self.weights.get(token, 0.0) for token in tokens)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def is_junk(self, features: Mapping[str, float], tokens: Iterable[str] = ()) -> bool:
        threshold = self.threshold
        if self.short_threshold is not None and features.get("words_le8"):
            threshold = self.short_threshold
        return self.junk_probability(features, tokens) >= threshold


def model_from_json(data: Mapping[str, object]) -> LineModel:
    weights = data["weights"]
    if not isinstance(weights, dict):
        raise ValueError("line model JSON: 'weights' must be an object")
    return LineModel(
        bias=float(data["bias"]),  # type: ignore[arg-type]
        weights={str(k): float(v) for k, v in weights.items()},
        threshold=float(data["threshold"]),  # type: ignore[arg-type]
        short_threshold=float(short) if isinstance(short := data.get("short_threshold"), int | float) else None,
    )


def load_model_file(path: Path) -> LineModel:
    return model_from_json(json.loads(path.read_text(encoding="utf-8")))


@lru_cache(maxsize=1)
def default_model() -> LineModel:
    """The model shipped with the package (trained by scripts/train_line_classifier.py)."""
    text = resources.files("pipeline.clean").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return model_from_json(json.loads(text))
