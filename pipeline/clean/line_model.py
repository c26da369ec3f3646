"""The learned line classifier: logistic regression weights shipped as JSON, scored in pure Python."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pipeline.clean.features import LENGTH_CLASSES, length_class

MODEL_FILE = "line_classifier.json"


@dataclass(frozen=True, slots=True)
class LineModel:
    """P(junk | line features); a line is junk when the probability reaches `threshold`.

    `weights` are keyed as in training: a feature's own weight plus one per length class ("short:x",
    "mid:x", "long:x"). Scoring takes a line's plain features (features.article_features) and adds both weights,
    folded once per class. Short lines (feature `words_le8`) may have their own `short_threshold`.
    """

    bias: float
    weights: Mapping[str, float]
    threshold: float
    short_threshold: float | None = None
    _folded: dict[str, dict[str, float]] = field(default_factory=dict, init=False, repr=False, compare=False)

    def folded_weights(self, prefix: str) -> dict[str, float]:
        """Each feature's weight plus its weight for one length class (tokens as they are)."""
        folded = self._folded.get(prefix)
        if folded is None:
            folded = {}
            for name, weight in self.weights.items():
                if name.startswith(prefix):
                    name = name[len(prefix) :]
                elif name.startswith(LENGTH_CLASSES):
                    continue
                folded[name] = folded.get(name, 0.0) + weight
            self._folded[prefix] = folded
        return folded

    def junk_probability(self, features: Mapping[str, float], tokens: Iterable[str] = ()) -> float:
        weights = self.folded_weights(length_class(features))
        get = weights.get
        score = self.bias
        for name, value in features.items():
            if value:
                score += get(name, 0.0) * value
        for token in tokens:
            score += get(token, 0.0)
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
