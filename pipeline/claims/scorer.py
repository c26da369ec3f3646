"""The learned attribution scorer: a logistic model over candidate features (weights ship as JSON)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import repeat

WEIGHTS_FILE = "attribution_weights.json"


def _weight_sum(weights: dict[str, float], feats: list[str]) -> float:
    if len(feats) <= len(_ZEROS):
        return sum(map(weights.get, feats, _ZEROS))  # same order as a loop, faster
    return sum(map(weights.get, feats, repeat(0.0)))


_ZEROS = (0.0,) * 128  # the defaults for dict.get, shared


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
    option_headroom: dict[str, float] | None = None  # the same for a best reading of one option

    def cue_probability(self, feats: list[str]) -> float:
        return _logistic(self.cue, feats)

    def may_pass(self, cue_feats: list[str], options: Iterable[str] | None = None) -> bool:
        """False when the cue's probability stays under the threshold whatever its best reading
        (`options`: the options of its readings, for a tighter bound)."""
        headroom = self.best_reading_headroom
        if options is not None and self.option_headroom is not None:
            default = self.option_headroom.get("", 0.0)
            headroom = max((self.option_headroom.get(o, default) for o in options), default=default)
        z = _weight_sum(self.cue, cue_feats) + headroom
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
    return scorer_from(data["cue"], data["content"], float(data["threshold"]))


def scorer_from(cue: dict[str, float], content: dict[str, float], threshold: float) -> AttributionScorer:
    """A scorer over trained weights, with the headroom bounds `may_pass` uses."""
    return AttributionScorer(cue, content, threshold, best_reading_headroom(cue), option_headroom(cue))


def best_reading_headroom(cue: dict[str, float]) -> float:
    """Upper bound of what `with_best_reading` adds: the best positive weight per reading key
    (a reading has one feature per key)."""
    best: dict[str, float] = {}
    for name, weight in cue.items():
        if name.startswith("best|"):
            key = name[5:].split("=", 1)[0]
            best[key] = max(best.get(key, 0.0), weight)
    return sum(best.values())


_HEADROOM_SLACK = 1e-9  # covers float rounding: the bound must never fall below a real sum


def option_headroom(cue: dict[str, float]) -> dict[str, float]:
    """`best_reading_headroom` per option. A reading has one feature per key; most keys name its
    option ("best|opt=ccomp", "best|len=8|opt=ccomp"), a few do not ("best|tail=,although"). A
    reading of option o adds at most the best positive weight per key among the features naming o,
    plus the same over the keys that name no option (all an unlisted option can add: key "")."""
    per_option: dict[str, dict[str, float]] = {}
    shared: dict[str, float] = {}
    for name, weight in cue.items():
        if name.startswith("best|"):
            body = name[5:]
            key = body.split("=", 1)[0]
            if key == "opt":
                per_key = per_option.setdefault(body[4:], {})
            elif "|opt=" in body:
                per_key = per_option.setdefault(body.rpartition("|opt=")[2], {})
            else:
                per_key = shared
            per_key[key] = max(per_key.get(key, 0.0), weight)
    common = sum(shared.values()) + _HEADROOM_SLACK
    out = {option: sum(per_key.values()) + common for option, per_key in per_option.items()}
    out[""] = common
    return out
