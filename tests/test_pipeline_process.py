"""The whole pure pipeline on strings: offsets are verbatim, odd input never raises."""

from __future__ import annotations

import json

import pytest
from spacy.language import Language

from pipeline.models import RawArticle
from pipeline.process import process
from pipeline.record import to_record
from tests.articles import wire_story
from tests.growth import best_cpu_seconds


def assert_verbatim(record: dict[str, object]) -> None:
    text = str(record["text"])
    for entity in record["entities"]:  # type: ignore[attr-defined]
        for m in entity["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    for claim in record["claims"]:  # type: ignore[attr-defined]
        for part in ("content", "speaker", "cue"):
            span = claim.get(part)
            if span:
                assert text[span["start"] : span["end"]] == span["text"], (part, span)


def test_story_yields_entities_claims_and_verbatim_offsets(nlp: Language) -> None:
    record = to_record(process(RawArticle(id="s1", text=wire_story(4)), nlp))
    assert record["status"] == "processed" and record["language"] == "en"
    assert record["entities"] and record["claims"]
    assert_verbatim(record)
    json.dumps(record)  # the record is plain JSON


def test_non_english_article_is_stored_with_its_language_and_not_parsed(nlp: Language) -> None:
    german = (
        "Die Stadtverwaltung hat am Montag beschlossen, die alte Brücke über den Fluss bis zum Jahr "
        "2030 vollständig zu erneuern. Die Kosten werden auf zwölf Millionen Euro geschätzt."
    )
    result = process(RawArticle(text=german), nlp)
    assert result.status == "skipped_language"
    assert result.language == "de"
    assert result.entities == () and result.claims == ()


@pytest.mark.parametrize("body", ["", "   \n\t ", "\x00\x01\x02", '"' * 5000, "Click here\n" * 2000])
def test_odd_bodies_never_raise(nlp: Language, body: str) -> None:
    result = process(RawArticle(text=body), nlp)
    assert result.status in ("processed", "empty", "skipped_language")
    assert_verbatim(to_record(result))


def test_html_body_is_cleaned_before_nlp(nlp: Language) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in wire_story(1).split("\n\n")[1:4])
    html = f"<html><body><nav>Home | Sport | Weather</nav><article>{paragraphs}</article></body></html>"
    result = process(RawArticle(html=html), nlp)
    assert "Sport | Weather" not in result.text
    assert "Regional Council approved" in result.text


def test_the_vocabulary_kept_across_articles_is_capped_and_changes_no_answer(
    nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    import random

    import pipeline.nlp

    rng = random.Random(7)

    def made_up_words(n: int) -> str:  # every article brings ~n names the model has never seen
        names = ("".join(rng.choices("bcdfghklmnprstvz", k=4)) + rng.choice("aeiou") for _ in range(n))
        return " ".join(f"The council said that the {name} bridge would open in the spring." for name in names)

    # len(vocab) counts every lexeme made so far; the string store holds what is kept.
    monkeypatch.setattr(pipeline.nlp, "KEPT_LEXEMES", len(nlp.vocab) + 1_000)
    kept = []
    for n in range(16):
        process(RawArticle(id=f"v{n}", text=made_up_words(100)), nlp)
        kept.append(len(nlp.vocab.strings))
    assert kept[1] > kept[0]  # the first articles' words are kept ...
    assert kept[-1] == kept[-6]  # ... until the cap; after it, articles leave nothing behind

    story = wire_story(3)
    monkeypatch.setattr(pipeline.nlp, "KEPT_LEXEMES", 10**9)
    kept = to_record(process(RawArticle(id="w", text=story), nlp))
    monkeypatch.setattr(pipeline.nlp, "KEPT_LEXEMES", 0)
    zoned = to_record(process(RawArticle(id="w", text=story), nlp))
    assert json.dumps(kept, sort_keys=True) == json.dumps(zoned, sort_keys=True)


def test_a_quote_in_another_language_does_not_flip_the_articles_language() -> None:
    from pipeline.language import detect_language

    english = [
        "The regional council of Harrow Valley approved the new bridge budget on Tuesday evening after a debate.",
        "Engineers said the old crossing had been closed twice last winter because of cracks in its supports.",
        "Die Brücke ist seit Jahren in einem schlechten Zustand, und niemand hat etwas dagegen getan.",
        "Work is due to start in the spring, and the council expects the bridge to reopen within two years.",
        "Local shop owners welcomed the decision, saying the detour had cost them customers for months.",
    ]
    german = [
        "Der Gemeinderat von Harrow hat am Dienstagabend nach einer langen Debatte das Budget genehmigt.",
        "Die Ingenieure sagten, die alte Brücke sei im letzten Winter zweimal wegen Rissen gesperrt worden.",
        "We have waited far too long for this bridge, and the whole town is relieved today.",
        "Die Arbeiten sollen im Frühjahr beginnen, und die Brücke soll innerhalb von zwei Jahren öffnen.",
        "Die Geschäftsleute begrüßten die Entscheidung, weil der Umweg sie monatelang Kunden gekostet hat.",
    ]
    assert detect_language("\n\n".join(english)) == "en"
    assert detect_language("\n\n".join(german)) == "de"


@pytest.mark.parametrize("run", ["x", "a.b-"], ids=["letters", "punctuated"])
def test_language_of_an_unbroken_run_of_characters_costs_linear_time(run: str) -> None:
    # Growth, not a clock limit: 8× the characters may cost at most ≈ 16× (linear is 8×). The address
    # pattern tried at every character of a word was quadratic: 200,000 characters took seconds.
    from pipeline.language import detect_language

    def cost(chars: int) -> float:
        text = "Harrow Valley news. " + run * (chars // len(run))
        return best_cpu_seconds(lambda: detect_language(text))

    small, large = cost(25_000), cost(200_000)
    assert large < 16 * small + 0.02, (small, large)
