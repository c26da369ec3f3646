"""The attribution scorer's training script: what the cue model is taught."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.scripts import load_script
from worker.settings import get_settings


def test_a_cue_whose_top_reading_is_wrong_is_taught_as_no_attribution() -> None:
    train = load_script("train_attribution")
    ranker = {"opt=ccomp": 1.0, "opt=dobj": -1.0}
    groups = [
        # an attribution whose correct reading the ranker ranks first
        (["lemma=say"], 1, [(["opt=ccomp"], 1), (["opt=dobj"], 0)]),
        # an attribution whose correct reading the ranker ranks last: keeping the cue would keep the
        # wrong reading, a false attribution and a missed one
        (["lemma=urge"], 1, [(["opt=ccomp"], 0), (["opt=dobj"], 1)]),
        (["lemma=walk"], 0, [(["opt=ccomp"], 0)]),
    ]
    rows = train.cue_rows(groups, ranker)
    assert [label for _, label in rows] == [1, 0, 0]
    assert rows[1][0] == ["lemma=urge", "best|opt=ccomp"]  # the cue's features with its top reading's


def test_each_cue_is_ranked_by_a_ranker_that_never_saw_it(monkeypatch: pytest.MonkeyPatch) -> None:
    train = load_script("train_attribution")
    groups = [([f"lemma=w{i}"], 1, [([f"id={i}"], 1)]) for i in range(8)]
    seen: list[set[str]] = []

    def recording_ranker(reading_groups: list[list[tuple[list[str], int]]], l2: float, epochs: int) -> dict[str, float]:
        seen.append({feats[0] for rows in reading_groups for feats, _ in rows})
        return {}

    monkeypatch.setattr(train, "fit_ranker", recording_ranker)
    monkeypatch.setattr(train, "fit", lambda rows, l2, epochs: {})
    train.fit_both(groups, 1e-4, 1)
    everything = {f"id={i}" for i in range(8)}
    assert seen[0] == everything  # the shipped ranker learns from all cues
    parts = [everything - s for s in seen[1:]]
    assert len(parts) == train.CROSS_FIT_PARTS and all(parts)
    assert set().union(*parts) == everything and sum(map(len, parts)) == 8  # every cue left out exactly once


def test_the_parse_cache_is_used_only_for_the_texts_it_was_made_from(tmp_path: Path) -> None:
    train = load_script("train_attribution")
    settings = get_settings()
    exclude = tuple(settings.excluded_components)
    cache = tmp_path / "parses.spacy"
    first = ["The minister said the bridge would open in May.", "Rain is expected on Friday."]
    docs = train.parsed_docs(settings.spacy_model, exclude, first, cache)
    assert [d.text for d in docs] == first and cache.exists()
    written = cache.stat().st_mtime_ns
    again = train.parsed_docs(settings.spacy_model, exclude, first, cache)
    assert [d.text for d in again] == first
    assert cache.stat().st_mtime_ns == written  # read back, not parsed again
    changed = [first[0], "Snow is expected on Saturday."]
    docs = train.parsed_docs(settings.spacy_model, exclude, changed, cache)
    assert [d.text for d in docs] == changed  # a stale cache would hand back Friday's rain
    assert [d.text for d in train.parsed_docs(settings.spacy_model, exclude, changed, cache)] == changed
