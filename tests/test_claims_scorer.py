"""The learned attribution scorer's shortcut: a cue it skips could never have been kept."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.claims import extract_claims
from pipeline.claims.attribution import best_per_cue
from pipeline.claims.candidates import Candidate, candidates
from pipeline.claims.features import cue_features, reading_features
from pipeline.claims.quotations import QuotedSpans, find_quotations
from pipeline.claims.scorer import AttributionScorer, load_scorer, option_headroom, scorer_from
from pipeline.claims.tokens import DocTokens
from pipeline.clean import clean
from pipeline.entities import extract_entities
from pipeline.models import Quote, RawArticle
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


class _CountingScorer(AttributionScorer):
    """The shipped scorer, noting each cue its shortcut skips."""

    skipped: list[bool] = []  # noqa: RUF012  # shared on purpose: the dataclass is frozen

    def may_pass(self, cue_feats: list[str], options: Iterable[str] | None = None) -> bool:
        passed = super().may_pass(cue_feats, options)
        self.skipped.append(not passed)
        return passed


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
    shipped = load_scorer()
    fast = _CountingScorer(
        shipped.cue, shipped.content, shipped.threshold, shipped.best_reading_headroom, shipped.option_headroom
    )
    full = AttributionScorer(shipped.cue, shipped.content, shipped.threshold)  # no bound: scores every cue
    kept = 0
    for article in _sample_articles():
        text = clean(article).text
        doc = news_nlp(text)
        tokens, quotations = DocTokens.of(doc, text), find_quotations(text)
        everything = best_per_cue(doc, text, quotations, full, tokens)
        assert best_per_cue(doc, text, quotations, fast, tokens) == everything
        kept += len(everything)
    assert kept > 5 and sum(fast.skipped) > 20  # the samples exercise both sides


def cue_features_by_word(nlp: Language, text: str) -> dict[str, list[str]]:
    """The cue features of each candidate cue in `text`, by the cue's word."""
    doc = nlp(text)
    tokens = DocTokens.of(doc, text)
    groups: dict[int, list[Candidate]] = {}
    for cand in candidates(doc, text, find_quotations(text), tokens):
        groups.setdefault(cand.cue, []).append(cand)
    return {doc[cue].text: cue_features(tokens, text, group, QuotedSpans([])) for cue, group in groups.items()}


def test_cue_features_carry_the_argument_frame_and_the_lemma_stem(news_nlp: Language) -> None:
    text = "Mayor Ilse Varga told reporters on Monday that the ferry would run. The dockers criticized the plan."
    feats = cue_features_by_word(news_nlp, text)
    assert "frame=nsubj-<dobj<prep<ccomp" in feats["told"]  # subject before; object, time, clause after
    assert "lemma=tell|srckind=ent_PERSON" in feats["told"]
    assert "frame=nsubj-<dobj" in feats["criticized"]
    assert "prefix=crit" in feats["criticized"]  # shared with "critic", "criticism"


def test_cue_features_name_the_cues_function_words(news_nlp: Language) -> None:
    text = "Mayor Ilse Varga has repeatedly pushed back against the levy. The board will also look at the plan."
    feats = cue_features_by_word(news_nlp, text)
    pushed = {f for f in feats["pushed"] if f.startswith("kid=")}
    assert pushed == {"kid=aux:has", "kid=advmod:repeatedly", "kid=advmod:back", "kid=prep:against"}
    look = {f for f in feats["look"] if f.startswith("kid=")}
    assert look == {"kid=aux:will", "kid=advmod:also", "kid=prep:at"}  # never its subject or object


def test_reading_features_say_how_the_next_word_hangs_on_the_reading(news_nlp: Language) -> None:
    text = "She has mentioned cutting dock fees and forcing shipping lines to pay more for berths."
    doc = news_nlp(text)
    tokens = DocTokens.of(doc, text)
    feats = {
        (doc[c.cue].text, c.option, text[c.start : c.end]): reading_features(tokens, text, c, QuotedSpans([]))
        for c in candidates(doc, text, find_quotations(text), tokens)
    }
    # "and" coordinates "fees" with more: the reading stops inside a coordination
    assert "nextrel=cc|in|opt=dobj" in feats[("cutting", "dobj", "dock fees")]
    # the full stop hangs on the cue: the reading runs to the end of the cue's clause
    assert "nextrel=punct|cue|opt=xcomp" in feats[("mentioned", "xcomp", text[text.index("cutting") : -1])]


def test_reading_features_name_the_cues_adjuncts_they_take_in(news_nlp: Language) -> None:
    text = "The senator endorsed Councillor Ana Reyes last week after a long meeting with the union."
    doc = news_nlp(text)
    tokens = DocTokens.of(doc, text)
    feats = {
        c.option: reading_features(tokens, text, c, QuotedSpans([]))
        for c in candidates(doc, text, find_quotations(text), tokens)
        if doc[c.cue].text == "endorsed"
    }
    whole, compact = feats["dobj"], feats["dobj_compact"]
    # the long reading takes in the cue's time phrase and its "after" adjunct: three pieces of the tree
    assert {"cuechild=npadvmod:week|opt=dobj", "cuechild=prep:after|opt=dobj", "nroots=3|opt=dobj"} <= set(whole)
    assert {"root=dobj|opt=dobj", "root=npadvmod|opt=dobj", "root=prep|opt=dobj"} <= set(whole)
    # the object alone is one piece, and the cue's only dependent in it is the object
    assert [f for f in compact if f.startswith(("cuechild=", "nroots=", "root="))] == [
        "cuechild=dobj:|opt=dobj_compact",
        "nroots=1|opt=dobj_compact",
        "root=dobj|opt=dobj_compact",
    ]


def test_claims_can_be_scored_by_another_scorer(news_nlp: Language) -> None:
    """Cross-validation scores held-out articles with a scorer trained without them."""
    shipped = load_scorer()
    assert scorer_from(shipped.cue, shipped.content, shipped.threshold) == shipped
    text = "The harbour board said on Monday that ferry fares would rise by a third in the spring."
    doc = news_nlp(text)
    entities = extract_entities(doc, text)

    def contents(scorer: AttributionScorer | None) -> list[str]:
        return [c.content.text for c in extract_claims(doc, entities, text, scorer) if isinstance(c, Quote)]

    assert contents(None) == ["that ferry fares would rise by a third in the spring"]
    assert contents(scorer_from(shipped.cue, shipped.content, 1.0)) == []  # nothing reaches p = 1
