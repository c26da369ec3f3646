"""Attributed quotes on fictional sentences, with the real small English model."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.claims import extract_claims
from pipeline.claims.candidates import candidates
from pipeline.claims.quotations import find_quotations
from pipeline.entities import extract_entities
from pipeline.models import FactualClaim, Quote
from pipeline.nlp import load_nlp
from tests.growth import best_cpu_seconds
from worker.settings import Settings


@pytest.fixture(scope="session")
def news_nlp() -> Language:
    """The components production loads (SPACY_EXCLUDE's default)."""
    settings = Settings()
    return load_nlp(settings.spacy_model, settings.excluded_components)


def quotes_of(nlp: Language, text: str) -> list[Quote]:
    doc = nlp(text)
    claims = extract_claims(doc, extract_entities(doc))
    for claim in claims:
        assert text[claim.content.start : claim.content.end] == claim.content.text
    return [c for c in claims if isinstance(c, Quote)]


def find(quotes: list[Quote], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment in q.content.text]
    assert hits, f"no quote containing {fragment!r} in {[q.content.text for q in quotes]}"
    return hits[0]


def speaker_of(quote: Quote) -> str:
    assert quote.speaker is not None
    return quote.speaker.entity or quote.speaker.text


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            '"We will rebuild the bridge by spring," Mayor Lena Ortiz said on Monday.',
            "We will rebuild the bridge by spring",
            "Lena Ortiz",
        ),
        (
            'Councillor Tom Baker said: "The budget is balanced and the reserves are full."',
            "The budget is balanced",
            "Tom Baker",
        ),
        (
            '"The harbour will stay open all winter," said Tom Baker, the port director.',
            "The harbour will stay open all winter",
            "Tom Baker",
        ),
        ('"The water is safe to drink again." — Lena Ortiz', "The water is safe to drink again", "Lena Ortiz"),
    ],
)
def test_direct_quote_has_its_speaker(news_nlp: Language, text: str, content: str, speaker: str) -> None:
    quote = find(quotes_of(news_nlp, text), content)
    assert quote.style == "direct"
    assert speaker in speaker_of(quote)


def test_split_quote_is_joined_under_one_speaker(news_nlp: Language) -> None:
    text = '"The plan is ready," Lena Ortiz said, "and the council agrees with every part of it."'
    quote = find(quotes_of(news_nlp, text), "The plan is ready")
    assert "council agrees" in quote.content.text
    assert "Lena Ortiz" in speaker_of(quote)


def test_multi_paragraph_quote_runs_to_its_closing_mark(news_nlp: Language) -> None:
    text = (
        'Lena Ortiz spoke to the council on Friday.\n\n"The first paragraph sets out the problem we face.\n\n'
        '"The second paragraph explains what we will do about it," she said.'
    )
    quote = find(quotes_of(news_nlp, text), "second paragraph")
    assert "first paragraph" in quote.content.text
    assert speaker_of(quote) == "Lena Ortiz"


def test_a_wire_dateline_is_never_the_speaker(news_nlp: Language) -> None:
    text = (
        "HARWICK -- Mayor Lena Okafor, opening the ferry terminal on Saturday, said the port would hire "
        "200 dock workers by spring."
    )
    quote = find(quotes_of(news_nlp, text), "200 dock workers")
    assert speaker_of(quote) == "Lena Okafor"


def test_transcript_line_is_attributed_to_the_name(news_nlp: Language) -> None:
    text = "The interview aired on Sunday.\n\nORTIZ: We have the votes and we will pass the budget this week."
    quote = find(quotes_of(news_nlp, text), "We have the votes")
    assert quote.speaker is not None and quote.speaker.text == "ORTIZ"


def test_headline_naming_its_source_is_attributed_to_it(news_nlp: Language) -> None:
    text = "More on the port:\n\nPoll: Ferry Riders Turn Against New Harbor Levy\n\nThe levy passed in May."
    quote = find(quotes_of(news_nlp, text), "Ferry Riders")
    assert quote.content.text == "Ferry Riders Turn Against New Harbor Levy"
    assert quote.speaker is not None and quote.speaker.text == "Poll"


@pytest.mark.parametrize(
    "line",
    [
        "Related: Harbor Levy Passes After Long Debate",  # a page label, not a source
        "Voters: the levy passed in May after a long debate in the council",  # not a headline
    ],
)
def test_colon_line_that_names_no_source_is_no_quote(news_nlp: Language, line: str) -> None:
    text = f"The levy passed.\n\n{line}\n\nThe council met again on Friday."
    assert not [q for q in quotes_of(news_nlp, text) if q.cue is not None and q.cue.text == ":"]


def test_split_quote_reaches_past_initials_in_the_speaker_aside(news_nlp: Language) -> None:
    text = (
        '"The harbor levy is a disgrace," said Rep. J.D. Marlow (D-Ore.), who chairs the ports panel. '
        '"Nobody on this coast was consulted before it passed."'
    )
    doc = news_nlp(text)
    split = [text[c.start : c.end] for c in candidates(doc, text, find_quotations(text)) if c.option == "quote_split"]
    assert split == [text[1 : text.rindex("passed") + len("passed")]]


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        (
            "Lena Ortiz said that the council would vote on the new budget next Tuesday.",
            "the council would vote on the new budget",
            "Lena Ortiz",
        ),
        (
            "Tom Baker told reporters the repairs would cost about $4 million.",
            "the repairs would cost about $4 million",
            "Tom Baker",
        ),
        (
            "According to the Harbor Authority, exports fell by 3 percent last year.",
            "exports fell by 3 percent",
            "Harbor Authority",
        ),
    ],
)
def test_indirect_speech_has_its_speaker(news_nlp: Language, text: str, content: str, speaker: str) -> None:
    quote = find(quotes_of(news_nlp, text), content)
    assert quote.style == "indirect"
    assert speaker in speaker_of(quote)


def test_indirect_speech_with_a_quoted_fragment_is_mixed(news_nlp: Language) -> None:
    text = 'Lena Ortiz said the proposal was "dead on arrival" in its current form.'
    quote = find(quotes_of(news_nlp, text), "dead on arrival")
    assert quote.style == "mixed"
    assert quote.cue is not None and quote.cue.text == "said"


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Lena Ortiz called the proposal a disgrace to the city.", "the proposal a disgrace"),
        ("Lena Ortiz urged the council to delay the vote until spring.", "to delay the vote"),
    ],
)
def test_attitude_verbs_take_their_object_as_content(news_nlp: Language, text: str, content: str) -> None:
    quote = find(quotes_of(news_nlp, text), content)
    assert "Lena Ortiz" in speaker_of(quote)


def test_pronoun_speaker_resolves_to_the_person_named_before(news_nlp: Language) -> None:
    text = (
        "Lena Ortiz arrived at the hearing an hour late. She said the bridge would reopen in May, "
        "weeks ahead of the schedule."
    )
    quote = find(quotes_of(news_nlp, text), "the bridge would reopen")
    assert quote.speaker is not None and quote.speaker.text == "She"
    assert quote.speaker.entity == "Lena Ortiz"


def test_pronoun_speaker_follows_gender(news_nlp: Language) -> None:
    text = (
        "Lena Ortiz met Tom Baker on Monday. Mr. Baker had flown in from Boston. "
        "He said the contract would be signed within a week."
    )
    quote = find(quotes_of(news_nlp, text), "the contract would be signed")
    assert quote.speaker is not None and quote.speaker.entity == "Tom Baker"


def test_quoted_book_title_is_not_a_quote(news_nlp: Language) -> None:
    quotes = quotes_of(news_nlp, 'Lena Ortiz spent the flight reading "The Long Winter" by a local author.')
    assert not [q for q in quotes if "Long Winter" in q.content.text and q.style == "direct"]


def test_scare_quotes_are_not_a_quote(news_nlp: Language) -> None:
    quotes = quotes_of(news_nlp, 'The so-called "reform" passed easily in the city council on Tuesday.')
    assert not [q for q in quotes if q.content.text.strip('"') == "reform"]


def test_said_in_a_relative_clause_belongs_to_its_own_subject(news_nlp: Language) -> None:
    text = "Lena Ortiz hired the engineer who said the old bridge was unsafe."
    quotes = [q for q in quotes_of(news_nlp, text) if "bridge was unsafe" in q.content.text]
    assert all("Lena Ortiz" not in speaker_of(q) for q in quotes)


@pytest.mark.parametrize(
    "text",
    [
        'He said "this is odd. And then "it ended.',
        '"',
        '" " "',
        "“Unclosed quote at the very end",
        "He said ”backwards“ marks.",
        "ORTIZ:",
        "''Two-mark quotes,'' she said.",
    ],
)
def test_odd_quote_marks_never_fail(news_nlp: Language, text: str) -> None:
    quotes_of(news_nlp, text)


def test_quotation_opened_with_a_closing_mark_is_found() -> None:
    text = "Readers wrote in.\n\n”The ferry fares doubled. Nobody asked us.” ― Mara Quist\n\nShe said ”yes” once."
    found = [text[q.start : q.end] for q in find_quotations(text)]
    assert found == ["”The ferry fares doubled. Nobody asked us.”", "”yes”"]


def test_signed_quote_opened_with_a_closing_mark_has_its_signer(news_nlp: Language) -> None:
    text = (
        "Voters on the island answered our survey.\n\n"
        "”The ferry fares doubled this spring and nobody on the council asked us.” ― Mara Quist\n\n"
        "”Our harbor deserves better.” ― Teo Lund"
    )
    quote = find(quotes_of(news_nlp, text), "ferry fares doubled")
    assert quote.content.text == "The ferry fares doubled this spring and nobody on the council asked us"
    assert speaker_of(quote) == "Mara Quist"


def test_factual_sentence_outside_quotes_scores_higher_than_opinion(news_nlp: Language) -> None:
    text = (
        "The city spent $4 million on repairs in 2023, twice as much as in 2022. "
        "I think the mayor should probably resign?"
    )
    doc = news_nlp(text)
    facts = [c for c in extract_claims(doc, extract_entities(doc)) if isinstance(c, FactualClaim)]
    assert any("$4 million" in f.content.text and f.score >= 0.5 for f in facts)
    assert not any("resign" in f.content.text for f in facts)


def test_blank_pipeline_without_parser_gives_no_claims_and_no_error() -> None:
    blank = spacy.blank("en")
    doc = blank('"We are ready," she said.')
    assert extract_claims(doc, extract_entities(doc)) == ()


def test_nominal_speaker_resolves_to_the_person_with_that_title(news_nlp: Language) -> None:
    text = (
        "President Maria Lopez met the farmer Tom Baker in Lima on Monday. "
        "The president said the new road would be finished by June."
    )
    quote = find(quotes_of(news_nlp, text), "the new road would be finished")
    assert quote.speaker is not None and quote.speaker.entity == "Maria Lopez"


@pytest.mark.parametrize(
    "make",
    [
        lambda n: " ".join(f'"Crate {i} is ready," Ann Moss said.' for i in range(n)),
        lambda n: 'The clerk wrote " ' * n + "and stopped.",
        lambda n: "\n\n".join(
            f'Ann Moss spoke. "We will paint the old mill blue and green before winter number {i}."'
            for i in range(n // 4)
        ),
    ],
    ids=["many_attributed_quotes", "stray_marks_in_one_sentence", "many_uncued_quotations"],
)
def test_thousands_of_quote_marks_cost_linear_time(news_nlp: Language, make: Callable[[int], str]) -> None:
    # Growth, not a clock limit: 8× the quote marks may cost at most ≈ 16× (linear is 8×; the pairwise
    # scans this guards against were 64× and took seconds at 1,200 marks). At 4× and ≈ 8× a per-reading
    # walk over one long sentence (quadratic, fixed by features._ROOT_REACH) passed about half the runs.
    def cost(n: int) -> float:
        text = make(n)
        doc = news_nlp(text)
        entities = extract_entities(doc, text)
        return best_cpu_seconds(lambda: extract_claims(doc, entities, text))

    small, large = cost(300), cost(2400)
    assert large < 16 * small + 0.05, (small, large)


def test_content_runs_to_the_close_of_a_quotation_it_opens(news_nlp: Language) -> None:
    text = (
        'Tom Baker said the new tariff was "a disaster for every family in Marrowby. Nobody asked us before the vote."'
    )
    quote = find(quotes_of(news_nlp, text), "a disaster for every family")
    assert quote.content.text.endswith("Nobody asked us before the vote")
    assert speaker_of(quote) == "Tom Baker"


def test_uncued_quotation_after_a_narrative_sentence_is_a_quote_of_the_same_speaker(news_nlp: Language) -> None:
    text = (
        '"We have the money for the roof now," said Lena Ortiz, the head teacher. She was standing at the '
        'school gate on a cold Monday morning. "The builders will start in March and finish before the summer."'
    )
    quotes = quotes_of(news_nlp, text)
    first = find(quotes, "We have the money for the roof now")
    second = find(quotes, "The builders will start in March")
    assert second.content.text.endswith("finish before the summer")
    assert speaker_of(first) == speaker_of(second) == "Lena Ortiz"
    assert not any("school gate" in q.content.text for q in quotes)  # the narrative between is nobody's quote


def test_split_quote_around_a_short_attribution_stays_one_quote(news_nlp: Language) -> None:
    text = '"The ferry is late," Tom Baker said, "because the crew was short."'
    quote = find(quotes_of(news_nlp, text), "The ferry is late")
    assert quote.content.text.endswith("because the crew was short")
    assert speaker_of(quote) == "Tom Baker"


def _misparsed_relative_clause(nlp: Language) -> Doc:
    """ "Marla Quenby, meanwhile, who sits on the board, said the pier would open." parsed the way
    the small model sometimes does: the name as the subject of the relative clause's verb, and
    "said" with no subject at all."""
    words = ["Marla", "Quenby", ",", "meanwhile", ",", "who", "sits", "on", "the", "board", ","]
    words += ["said", "the", "pier", "would", "open", "."]
    spaces = [True, False, True, False, True, True, True, True, True, False, True]
    spaces += [True, True, True, True, False, False]
    heads = [1, 6, 6, 6, 6, 6, 11, 6, 9, 7, 11, 11, 13, 15, 15, 11, 11]
    deps = ["compound", "nsubj", "punct", "advmod", "punct", "nsubj", "ccomp", "prep", "det", "pobj", "punct"]
    deps += ["ROOT", "det", "nsubj", "aux", "ccomp", "punct"]
    tags = ["NNP", "NNP", ",", "RB", ",", "WP", "VBZ", "IN", "DT", "NN", ",", "VBD", "DT", "NN", "MD", "VB", "."]
    pos = ["PROPN", "PROPN", "PUNCT", "ADV", "PUNCT", "PRON", "VERB", "ADP", "DET", "NOUN", "PUNCT"]
    pos += ["VERB", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 15
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, pos=pos, ents=ents)


def test_cue_the_parse_left_without_subject_takes_the_stray_subject_before_it(news_nlp: Language) -> None:
    doc = _misparsed_relative_clause(news_nlp)
    quotes = [c for c in extract_claims(doc, extract_entities(doc)) if isinstance(c, Quote)]
    quote = find(quotes, "the pier would open")
    assert quote.speaker is not None
    assert (quote.speaker.text, quote.speaker.entity) == ("Marla Quenby", "Marla Quenby")


def test_stray_subject_is_never_taken_from_inside_the_quote(news_nlp: Language) -> None:
    quotes = quotes_of(news_nlp, '"The river council wanted the bridge finished before winter," added the report.')
    assert find(quotes, "The river council wanted").speaker is None


def test_subject_parsed_inside_a_quotation_the_cue_stands_outside_is_not_the_speaker(news_nlp: Language) -> None:
    """ "Ferry fares will rise again next year," warned Orla Tavish. -- parsed with "fares" as the
    subject of "warned"."""
    words = ['"', "Ferry", "fares", "will", "rise", "again", "next", "year", ",", '"', "warned", "Orla", "Tavish", "."]
    spaces = [False, True, True, True, True, True, True, False, False, True, True, True, False, False]
    heads = [10, 2, 10, 4, 10, 4, 7, 4, 10, 10, 10, 12, 10, 10]
    deps = ["punct", "compound", "nsubj", "aux", "ccomp", "advmod", "amod", "npadvmod", "punct", "punct", "ROOT"]
    deps += ["compound", "dobj", "punct"]
    tags = ["``", "NN", "NNS", "MD", "VB", "RB", "JJ", "NN", ",", "''", "VBD", "NNP", "NNP", "."]
    pos = ["PUNCT", "NOUN", "NOUN", "AUX", "VERB", "ADV", "ADJ", "NOUN", "PUNCT", "PUNCT", "VERB", "PROPN", "PROPN"]
    pos += ["PUNCT"]
    ents = ["O"] * 11 + ["B-PERSON", "I-PERSON", "O"]
    doc = Doc(news_nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, pos=pos, ents=ents)
    quotes = [c for c in extract_claims(doc, extract_entities(doc)) if isinstance(c, Quote)]
    cued = [q for q in quotes if q.cue is not None and q.cue.text == "warned"]
    assert cued
    assert all(q.speaker is None or "fares" not in q.speaker.text for q in cued)


def test_according_to_the_parse_made_the_root_still_splits_at_its_comma(news_nlp: Language) -> None:
    text = "According to veteran harbor pilot Nils Amberg, the move reeks of “panic” and haste."
    doc = news_nlp(text)
    assert doc[0].dep_ == "ROOT"  # the parse this rule is for: the sentence hangs under "According"
    quote = find(quotes_of(news_nlp, text), "the move reeks")
    assert quote.content.text == "the move reeks of “panic” and haste"
    assert "Nils Amberg" in speaker_of(quote)


def test_a_headline_line_above_a_sentence_stays_out_of_its_content(news_nlp: Language) -> None:
    text = (
        "HARBOUR NOTES\n"
        "Dock workers in Quellport voted on Tuesday to extend the strike, union leader Tobias Mwangi said."
    )
    quote = find(quotes_of(news_nlp, text), "Dock workers")
    assert quote.content.text.startswith("Dock workers in Quellport voted")
    assert "Mwangi" in speaker_of(quote)


def test_relative_clause_about_the_speaker_is_not_the_content(news_nlp: Language) -> None:
    quotes = quotes_of(news_nlp, "Marla Quenby, meanwhile, who sits on the board, said the pier would open.")
    assert [q.content.text for q in quotes] == ["the pier would open"]
    assert speaker_of(quotes[0]) == "Marla Quenby"


def test_right_hand_reading_starts_after_the_cue_particle(news_nlp: Language) -> None:
    text = "The harbor master pointed out, in a terse memo on Friday, that the cranes had not been inspected."
    doc = news_nlp(text)
    cue = next(t.i for t in doc if t.text == "pointed")
    assert doc[cue + 1].dep_ == "prt"  # the parse this is about: "out" hangs on the cue as its particle
    readings = [text[c.start : c.end] for c in candidates(doc, text, find_quotations(text)) if c.cue == cue]
    assert "in a terse memo on Friday, that the cranes had not been inspected" in readings
    assert not any(r.startswith("out") for r in readings)


def test_a_reading_never_ends_on_the_conjunction_its_last_conjunct_was_cut_from(news_nlp: Language) -> None:
    text = "She has mentioned cutting dock fees and forcing shipping lines to pay more for berths."
    doc = news_nlp(text)
    fees = next(t for t in doc if t.text == "fees")
    assert [t.text for t in fees.rights] == ["and"]  # the parse this is about: "and" hangs on "fees"
    readings = [text[c.start : c.end] for c in candidates(doc, text, find_quotations(text))]
    assert "dock fees" in readings
    assert not any(r.endswith(" and") for r in readings)


@pytest.mark.parametrize(
    ("text", "content", "speaker"),
    [
        # the parser makes the cue a modifier of its sayer: "poll" ROOT, "found" acl
        (
            "A Harbor State University poll found last week that Mayor Okafor would beat her rival 46 to 40 "
            "percent in a runoff.",
            "Mayor Okafor would beat her rival",
            "A Harbor State University poll",
        ),
        # the parser reads the name and the cue as one noun phrase ("Tavish" amod of "estimates")
        (
            "Tavish estimates that he spent between $2 million and $3 million on the ferry campaign.",
            "he spent between $2 million",
            "Tavish",
        ),
        # object control: who is required or led to speak is the object, not the subject
        (
            "The audit's findings would require the harbor board to admit that the pier was never inspected.",
            "the pier was never inspected",
            "the harbor board",
        ),
        (
            "The strike surprised everyone, and the losses led the union to declare that talks were over.",
            "talks were over",
            "the union",
        ),
    ],
)
def test_speaker_the_parse_hides_is_found(news_nlp: Language, text: str, content: str, speaker: str) -> None:
    quote = find(quotes_of(news_nlp, text), content)
    assert quote.speaker is not None
    assert quote.speaker.text == speaker


def test_relative_pronoun_speaker_resolves_to_its_antecedent_phrase(news_nlp: Language) -> None:
    """No named entity to resolve to: the phrase the relative clause describes names the sayers."""
    text = "The board met several ferry captains who have warned that the channel is silting up."
    quote = find(quotes_of(news_nlp, text), "the channel is silting up")
    assert quote.speaker is not None
    assert (quote.speaker.text, quote.speaker.entity) == ("who", "several ferry captains")


def _misparsed_apposition(nlp: Language) -> Doc:
    """ "Jay Lorne, the club's manager, suggested that dues would rise." parsed the way the small
    model sometimes does: the name as a modifier of "suggested", which is left with no subject."""
    words = ["Jay", "Lorne", ",", "the", "club", "'s", "manager", ","]
    words += ["suggested", "that", "dues", "would", "rise", "."]
    spaces = [True, False, True, True, False, True, False, True, True, True, True, True, False, False]
    heads = [1, 8, 1, 4, 6, 4, 1, 8, 8, 12, 12, 12, 8, 8]
    deps = ["compound", "npadvmod", "punct", "det", "poss", "case", "appos", "punct", "ROOT", "mark", "nsubj"]
    deps += ["aux", "ccomp", "punct"]
    tags = ["NNP", "NNP", ",", "DT", "NN", "POS", "NN", ",", "VBD", "IN", "NNS", "MD", "VB", "."]
    pos = ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "PART", "NOUN", "PUNCT", "VERB", "SCONJ", "NOUN", "AUX", "VERB"]
    pos += ["PUNCT"]
    ents = ["B-PERSON", "I-PERSON"] + ["O"] * 12
    return Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, tags=tags, pos=pos, ents=ents)


def test_cue_left_without_any_subject_takes_the_nearest_noun_of_its_clause(news_nlp: Language) -> None:
    doc = _misparsed_apposition(news_nlp)
    quotes = [c for c in extract_claims(doc, extract_entities(doc)) if isinstance(c, Quote)]
    quote = find(quotes, "dues would rise")
    assert quote.speaker is not None
    assert quote.speaker.text == "the club's manager"


def test_a_titled_speaker_is_found_far_back_in_time_independent_of_the_mentions_between() -> None:
    # "the official said": the nearest person named with that title, however many others were named
    # since. Walking back over every mention for each cue was quadratic in a long article.
    from pipeline.claims.speakers import MentionIndex, _titled

    def index(n: int) -> MentionIndex:
        mentions = tuple((10 * k, 10 * k + 5, f"Person {k}", "PERSON") for k in range(n))
        titles = {"Person 0": frozenset({"official"}), "Person 3": frozenset({"mayor"})}
        return MentionIndex(tuple(m[0] for m in mentions), mentions, {}, _titled(list(mentions), titles), 5)

    def cost(n: int) -> float:
        idx = index(n)

        def lookups() -> None:
            for k in range(n // 10):
                assert idx.preceding(10 * n - k, frozenset({"PERSON"}), title="official") == "Person 0"

        return best_cpu_seconds(lookups)

    idx = index(50)
    assert idx.preceding(25, frozenset({"PERSON"}), title="mayor") is None  # named after the offset
    assert idx.preceding(400, frozenset({"PERSON"}), title="mayor") == "Person 3"
    assert idx.preceding(400, frozenset({"ORG"}), title="mayor") is None
    small, large = cost(2_500), cost(20_000)
    assert large < 16 * small + 0.02, (small, large)
