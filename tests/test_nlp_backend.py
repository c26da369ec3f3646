"""SPACY_MATMUL / BLAS_THREADS: the faster matrix library must not change a single annotation."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language
from threadpoolctl import threadpool_info

from pipeline.models import RawArticle
from pipeline.nlp import load_nlp
from pipeline.process import process
from pipeline.record import to_record
from tests.articles import wire_story
from tests.conftest import MODEL
from worker.lifecycle import load_configured_nlp
from worker.settings import Settings


def _annotations(nlp: Language, text: str) -> list[tuple[str, int, str, str, str]]:
    return [(t.tag_, t.head.i, t.dep_, t.ent_iob_, t.ent_type_) for t in nlp(text)]


def test_numpy_matmul_annotates_exactly_as_blis(nlp: Language) -> None:
    fast = load_nlp(MODEL, matmul="numpy")
    # spaCy builds the parser's and NER's output layer under use_ops("cpu") on purpose: its C code reads it
    assert {layer.ops.use_blis for name in ("tok2vec", "tagger") for layer in fast.get_pipe(name).model.walk()} == {
        False
    }
    assert {layer.ops.use_blis for layer in fast.get_pipe("ner").model.walk() if layer.name != "linear"} == {False}
    for n in range(4):
        story = wire_story(n)
        assert _annotations(fast, story) == _annotations(nlp, story)
        ours = to_record(process(RawArticle(id=str(n), text=story), fast))
        theirs = to_record(process(RawArticle(id=str(n), text=story), nlp))
        assert json.dumps(ours, sort_keys=True) == json.dumps(theirs, sort_keys=True)


def test_worker_model_follows_the_settings() -> None:
    nlp = load_configured_nlp(Settings(spacy_model=MODEL, spacy_matmul="numpy", blas_threads=1))
    assert "lemmatizer" not in nlp.pipe_names
    assert nlp.get_pipe("ner").model.ops.use_blis is False
    assert {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"} == {1}


def test_every_line_starts_a_sentence(nlp: Language) -> None:
    text = (
        "PORT NEWS\n\n4:15 p.m.\nMayor Lena Okafor questioned the port figures on Monday.\n"
        "She said losses were overstated."
    )
    doc = nlp(text)
    assert [s.text.strip() for s in doc.sents][-2:] == [
        "Mayor Lena Okafor questioned the port figures on Monday.",
        "She said losses were overstated.",
    ]
    assert all("\n" not in s.text.strip() for s in doc.sents)
    bare = load_nlp(MODEL, paragraphs=False)
    assert "newsworker_paragraphs" not in bare.pipe_names and "newsworker_paragraphs" in nlp.pipe_names


@pytest.mark.parametrize("dateline", ["HARWICK --", "PORT ELLIS, Ore. (AP) —", "KESTREL BAY (Reuters) –"])
def test_a_wire_dateline_is_a_sentence_of_its_own(nlp: Language, dateline: str) -> None:
    story = "Mayor Lena Okafor, opening the ferry terminal on Saturday, said the port would hire 200 workers."
    for text in (f"{dateline} {story}", f"Ferry terminal opens\n\n{dateline} {story}"):
        sentences = [s.text.strip() for s in nlp(text).sents]
        assert sentences[-2:] == [dateline, story]


@pytest.mark.parametrize(
    "line", ["US officials said - nothing changed.", "I - for one - agree.", "Talks on the NATO - EU pact - stalled."]
)
def test_a_line_without_a_dateline_keeps_its_sentence(nlp: Language, line: str) -> None:
    assert len(list(nlp(line).sents)) == 1
