"""The learned attribution scorer's shortcut: a cue it skips could never have been kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.claims.candidates import Candidate, candidates
from pipeline.claims.features import cue_facts, cue_features, group_facts, ranking_features, with_best_reading
from pipeline.claims.quotations import QuotedSpans, find_quotations
from pipeline.claims.scorer import AttributionScorer, load_scorer, option_headroom
from pipeline.claims.tokens import DocTokens
from pipeline.clean import clean
from pipeline.models import RawArticle
from pipeline.nlp import load_nlp
from worker.settings import Settings

SAMPLES = Path(__file__).resolve().parent.parent / "worker" / "samples"


@pytest.fixture(scope="module")
def news_nlp() -> Language:
    settings = Settings()
    return load_nlp(settings.spacy_model, settings.excluded_components)


def test_headroom_counts_reading_features_that_name_no_option() -> None:
    cue = {"best|opt=ccomp": 1.0, "best|len=8|opt=ccomp": 0.5, "best|tail=,although": 2.0, "best|opt=dobj": -1.0}
    headroom = option_headroom(cue)
    assert headroom["ccomp"] == pytest.approx(3.5)
    assert headroom["dobj"] == pytest.approx(2.0)  # its option weighs nothing, the shared tail still may
    assert headroom[""] == pytest.approx(2.0)  # an option no feature names
    scorer = AttributionScorer({"bias": -2.0, **cue}, {}, 0.5, option_headroom=headroom)
    assert scorer.may_pass(["bias"], {"right"})  # −2.0 + 2.0 (the tail) reaches p = 0.5
    assert not scorer.may_pass(["bias", "bias"], {"right", "ccomp"})  # −4.0 + 3.5 stays under


def _sample_articles() -> list[RawArticle]:
    articles = []
    for path in sorted(SAMPLES.iterdir()):
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            records = [json.loads(line) for line in raw.splitlines() if line.strip()]
            articles += [RawArticle(text=r.get("text"), html=r.get("html")) for r in records]
        else:
            articles.append(RawArticle(text=raw))
    return articles


def test_skipped_cues_are_never_ones_the_full_score_keeps(news_nlp: Language) -> None:
    scorer = load_scorer()
    kept = skipped = 0
    for article in _sample_articles():
        text = clean(article).text
        doc = news_nlp(text)
        tokens = DocTokens.of(doc, text)
        quotations = find_quotations(text)
        quoted = QuotedSpans([q.inner for q in quotations])
        groups: dict[int, list[Candidate]] = {}
        for cand in candidates(doc, text, quotations, tokens):
            groups.setdefault(cand.cue, []).append(cand)
        for group in groups.values():
            cue_feats = cue_features(tokens, text, group, quoted)
            facts, gfacts = cue_facts(tokens, group[0], quoted), group_facts(group)
            readings = [ranking_features(tokens, text, c, group, quoted, facts, gfacts) for c in group]
            best = max(readings, key=scorer.content_score)
            p = scorer.cue_probability(with_best_reading(cue_feats, best))
            may = scorer.may_pass(cue_feats, {c.option for c in group})
            assert may or p < scorer.threshold, (text[group[0].start : group[0].end], p)
            kept += p >= scorer.threshold
            skipped += not may
    assert kept > 5 and skipped > 20  # the samples exercise both sides
