"""WordNet's word classes for cue words: the build script's table, read back, and the cue features."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.claims.lexicon import parse_table, word_classes
from pipeline.nlp import load_nlp
from tests.scripts import load_script
from tests.test_claims_scorer import cue_features_by_word
from worker.settings import Settings


def _tiny_wordnet(root: Path) -> Path:
    """A WordNet dict directory in miniature, in the database's own line formats."""
    (root / "lexnames").write_text(
        "29\tverb.body\t2\n30\tverb.communication\t2\n33\tverb.competition\t2\n10\tnoun.communication\t1\n"
    )
    (root / "index.verb").write_text(
        "  1 this file is part of WordNet\n"
        "criticize v 2 5 ! @ ~ * + 2 1 00000100 00000200  \n"
        "rub_out v 1 1 @ 1 0 00000300  \n"
        "Shrug v 1 1 @ 1 0 00000300  \n"
        "shrug v 2 1 @ 2 0 00000300 00000100  \n"
    )
    (root / "data.verb").write_text(
        "  1 this file is part of WordNet\n"
        "00000100 30 v 01 criticize 0 000 | find fault with\n"
        "00000200 33 v 01 criticize 1 000 | act as a critic\n"
        "00000300 29 v 01 shrug 0 000 | raise one's shoulders\n"
    )
    (root / "index.noun").write_text("criticism n 1 1 @ 1 0 00000400  \n")
    (root / "data.noun").write_text("00000400 10 n 01 criticism 0 000 | disapproval expressed\n")
    return root


def test_the_build_script_writes_every_class_of_a_lemmas_senses_most_frequent_first(tmp_path: Path) -> None:
    out = tmp_path / "classes.txt"
    n = load_script("build_word_classes").write_table(_tiny_wordnet(tmp_path), out)
    table = parse_table(out.read_text(encoding="utf-8"))
    assert n == 3  # multi-word and capitalised entries are left out
    assert sorted(table.legend.values()) == ["body", "communication", "competition"]
    named = {
        pos: {lemma: [table.legend[c] for c in codes] for lemma, codes in lemmas.items()}
        for pos, lemmas in table.lemmas.items()
    }
    assert named["verb"] == {"criticize": ["communication", "competition"], "shrug": ["body", "communication"]}
    assert named["noun"] == {"criticism": ["communication"]}


def test_the_shipped_table_classes_common_and_rare_cue_words() -> None:
    assert word_classes("criticize", noun=False)[0] == "communication"
    assert "communication" in word_classes("lambaste", noun=False)  # a cue rarely seen in training
    assert word_classes("criticism", noun=True)[0] == "communication"
    assert word_classes("criticism", noun=False) == ()  # no such verb
    assert word_classes("zzyzx", noun=False) == ()


@pytest.fixture(scope="module")
def news_nlp() -> Language:
    settings = Settings()
    return load_nlp(settings.spacy_model, settings.excluded_components)


def test_cue_features_carry_the_cue_words_classes(news_nlp: Language) -> None:
    text = (
        "Senator Ada Pell lambasted the levy on Monday. Her criticism of the levy grew. "
        "The dockers zorbled that it was fine. The mayor offered an apology to the dockers."
    )
    feats = cue_features_by_word(news_nlp, text)
    assert "wn=communication" in feats["lambasted"]
    assert "wn1=contact|src=ent_PERSON" in feats["lambasted"]  # its most frequent sense, by its source
    assert "wn1=communication" in feats["criticism"]  # a noun cue is looked up as a noun
    assert "wn1=<none>" in feats["zorbled"]
    # what the cue acts on: its object's class, and a prepositional object's by its preposition
    assert {"obj=communication", "pobj=to:person"} <= set(feats["offered"])
