"""Plain-text cleaning: boilerplate lines go, every real paragraph stays whole, captions move apart.

All articles here are invented for the tests.
"""

from __future__ import annotations

import math

import pytest

from pipeline.clean import clean, clean_text
from pipeline.clean.features import article_features, by_length, token_features
from pipeline.clean.line_model import LineModel, default_model, model_from_json
from pipeline.clean.normalize import fix_mojibake, normalize_text
from pipeline.language import detect_language
from pipeline.models import RawArticle
from tests.growth import best_cpu_seconds

P1 = (
    "The harbour council of Eastmere voted on Tuesday to close the old ferry pier after engineers found "
    "cracks in three of its concrete supports, a decision that will reroute about 4,000 commuters a day."
)
P2 = (
    "Council member Ada Brennick said the vote had been painful but unavoidable. The ferry operator, "
    "Northline Marine, will move its boats to the cargo quay until a new pier is built in 2027."
)
P3 = (
    "Engineers from the regional transport office first inspected the pier in March, after a diver "
    "reported loose fragments under the waterline. Their report recommended closing it within a year."
)
P4 = (
    "Commuters interviewed at the terminal on Wednesday were mostly resigned. Some said they would switch "
    "to the coastal bus, which the council promised to run every ten minutes during the morning rush."
)


def article(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def paragraphs_of(text: str) -> list[str]:
    return text.split("\n\n")


JUNK_LINES = [
    "Click Here: cheap football shirts online",
    "Leave a Reply",
    "Your email address will not be published. Required fields are marked *",
    "Advertisement",
    "Share this article",
    "Follow Jane Doe on Twitter",
    "Sign up for our daily newsletter",
    "Related: Ferry fares to rise in January",
    "Read more",
    "(Reporting by Tom Reed; Editing by Ann Lee)",
    "All rights reserved",
    "5 Comments",
    # teaser footers and other stories' headlines
    "Mira Tanaka @miratanaka / 3 days",
    "Seven Gardens That Are Worth The Drive This Spring",
    "Guide: How To Keep Your Kitchen Cool In A Heatwave",
    "9 Ways To Make Your Garden Shed Last Longer",
    # teaser footers, date stamps, reading times, comment counts, pictures' addresses, page furniture
    "Continue reading",
    "Read the full story on the Eastmere Courier website",
    "Updated 3:45 PM ET",
    "Published 2 hours ago",
    "Last updated: Nov. 4, 2024 10:05 a.m. EST",
    "6 min read",
    "Jane Doe · 4 min read",
    "19 comments",
    "View all 12 comments",
    "https://cdn.example.com/uploads/2024/03/pier-supports-01.jpg",
    "harbour_ferry_final.png",
    "Ten ferry routes worth taking this summer... SEE FULL GALLERY",
    "Quotes delayed at least 15 minutes. Market data provided by a vendor.",
    "PrevPreviousFerry fares to rise in January",
    "NextNext post: Harbour festival returns",
]


@pytest.mark.parametrize("junk", JUNK_LINES)
def test_boilerplate_line_between_paragraphs_is_removed(junk: str) -> None:
    cleaned = clean_text(article(P1, P2, junk, P3, P4))

    assert paragraphs_of(cleaned.text) == [P1, P2, P3, P4]


def test_menu_and_related_headlines_from_another_site_section_are_removed() -> None:
    raw = article("Home", "World", "Business", P1, P2, "Lottery winner buys castle in Scotland", P3, P4)

    cleaned = clean_text(raw)

    assert paragraphs_of(cleaned.text) == [P1, P2, P3, P4]


def test_one_sentence_paragraph_is_kept() -> None:
    short = "The pier opened in 1931."
    cleaned = clean_text(article(P1, short, P2, P3))

    assert short in paragraphs_of(cleaned.text)


def test_one_line_quote_is_kept() -> None:
    quote = "“We had no choice,” Brennick said."
    cleaned = clean_text(article(P1, P2, quote, P3, P4))

    assert quote in paragraphs_of(cleaned.text)


@pytest.mark.parametrize(
    ("intro", "items"),
    [
        (
            "The council's plan for the new pier includes three parts:",
            ["- repair of the north supports", "- a new waiting hall", "- a second mooring for the ferry"],
        ),
        (
            "Commuters asked the council for three things:",
            ["- a new waiting hall", "- more buses", "- cheaper season tickets"],
        ),
    ],
)
def test_list_of_items_is_kept_whole(intro: str, items: list[str]) -> None:
    cleaned = clean_text(article(P1, intro, *items, P2, P3))

    assert paragraphs_of(cleaned.text) == [P1, intro, *items, P2, P3]


def test_subheading_about_the_story_is_kept() -> None:
    heading = "Ferry commuters"
    cleaned = clean_text(article(P1, P2, heading, P4, P3))

    assert heading in paragraphs_of(cleaned.text)


def test_line_starting_with_click_in_a_story_about_clicks_is_kept() -> None:
    line = (
        "Click farms in the region sell thousands of fake likes a day, according to the report, "
        "and investigators traced several of them to rented flats near the port."
    )
    cleaned = clean_text(article(P1, line, P2))

    assert line in paragraphs_of(cleaned.text)


def test_cookie_consent_notice_between_paragraphs_is_removed() -> None:
    notice = (
        "Strictly necessary cookies are needed for the website to function and cannot be switched off. "
        "Other cookies are set only with your consent."
    )
    cleaned = clean_text(article(P1, P2, notice, P3, P4))

    assert paragraphs_of(cleaned.text) == [P1, P2, P3, P4]


def test_paragraph_of_a_story_about_tracking_cookies_is_kept() -> None:
    line = (
        "The data office fined three Eastmere retailers on Monday for setting tracking cookies on shoppers' "
        "phones without asking first, and ordered them to delete what they had collected."
    )
    cleaned = clean_text(article(P1, line, P2, P3))

    assert line in paragraphs_of(cleaned.text)


def test_other_stories_title_case_headlines_are_removed() -> None:
    raw = article(P1, "Mayor Unveils Plan To Plant Ten Thousand Trees Along Ring Road", P2, P3, P4)

    cleaned = clean_text(raw)

    assert paragraphs_of(cleaned.text) == [P1, P2, P3, P4]


def test_caption_with_credit_tail_moves_to_captions() -> None:
    caption = "Commuters wait for the last ferry at the Eastmere pier on Monday"
    cleaned = clean_text(article(P1, caption + " Credit: Harbour Photo Agency", P2))

    assert cleaned.captions == (caption,)
    assert "Eastmere pier on Monday" not in cleaned.text
    assert paragraphs_of(cleaned.text) == [P1, P2]


@pytest.mark.parametrize(
    "tail",
    ["(Image credit: Eastmere Harbour Trust)", "[Photo via Northline Marine]", "[Eastmere Council via Harbour News]"],
)
def test_caption_with_a_bracketed_source_moves_to_captions(tail: str) -> None:
    caption = "Divers inspect the cracked supports of the old pier in March"
    cleaned = clean_text(article(P1, f"{caption} {tail}", P2))

    assert cleaned.captions == (caption,)
    assert paragraphs_of(cleaned.text) == [P1, P2]


def test_sentence_ending_in_a_bracketed_aside_is_not_a_caption() -> None:
    line = "The ferry operator said tickets would be refunded [via its website]"
    cleaned = clean_text(article(P1, line, P2))

    assert cleaned.captions == ()


def test_caption_with_credit_glued_to_a_date_moves_to_captions() -> None:
    cleaned = clean_text(article(P1, "The mayor greets ferry workers at the quay on May 17Credit:", P2))

    assert cleaned.captions == ("The mayor greets ferry workers at the quay on May 17",)
    assert "Credit" not in cleaned.text


def test_photo_credit_tail_is_removed_from_caption() -> None:
    cleaned = clean_text(article(P1, "Divers inspect the cracked supports of the old pier. Photo: J. Smith", P2))

    assert cleaned.captions == ("Divers inspect the cracked supports of the old pier.",)


def test_subheading_ending_in_credit_colon_is_not_a_caption() -> None:
    intro = "The new budget changes two benefits that most families in Eastmere claim every year."
    detail = "Families with two children will receive up to 900 pounds more from the child tax credit next year."
    more = (
        "The credit will be paid monthly instead of once a year, which the finance office says will help "
        "families who struggle with heating bills in the winter months."
    )
    context = (
        "Finance officer Malik Osei told the council that the changes would cost the town about 2 million "
        "pounds a year, most of it paid for by the new parking charges approved in the spring."
    )
    cleaned = clean_text(article(intro, context, "Child Tax Credit:", detail, more))

    assert cleaned.captions == ()
    assert paragraphs_of(cleaned.text) == [intro, context, "Child Tax Credit:", detail, more]


def test_empty_and_whitespace_input_gives_empty_body() -> None:
    assert clean_text("").text == ""
    assert clean_text(" \n\n \t ").text == ""


def test_hard_wrapped_paragraph_is_rejoined() -> None:
    wrapped = (
        "The harbour council of Eastmere voted on Tuesday to close the old ferry\n"
        "pier after engineers found cracks in three of its concrete supports, a\n"
        "decision that will reroute about 4,000 commuters a day."
    )
    cleaned = clean_text(article(wrapped, P2))

    assert paragraphs_of(cleaned.text)[0] == P1


def test_word_hyphenated_across_a_line_break_is_rejoined() -> None:
    assert normalize_text("the engineers' recom-\nmendation was clear") == "the engineers' recommendation was clear"


def test_mojibake_is_repaired() -> None:
    assert fix_mojibake("The mayor\u00e2\u20ac\u2122s plan") == "The mayor\u2019s plan"
    assert fix_mojibake("Caf\u00c3\u00a9 owners") == "Caf\u00e9 owners"


def test_text_without_mojibake_is_unchanged() -> None:
    text = "Café «Le Port» — 20 € per person, naïve résumé"
    assert fix_mojibake(text) == text


def test_control_characters_and_odd_spaces_are_normalised() -> None:
    raw = "The\u00a0pier\u200b was\x07 closed\tin\u2009March.\r\nIt re\u00adopened later."
    assert normalize_text(raw) == "The pier was closed in March.\nIt reopened later."


def test_a_run_of_punctuation_too_long_for_the_tokenizer_is_cut_and_short_ones_are_kept() -> None:
    # 20,000 quote marks in one chunk took spaCy's tokenizer 90 s; a hundred is more than any text needs.
    raw = 'He said "' + '"' * 20_000 + " then left. Wait!!! ... ---- ***" + "“‘" * 3_000
    assert normalize_text(raw) == 'He said "' + '"' * 99 + " then left. Wait!!! ... ---- ***" + "“‘" * 48 + "“"


def test_output_offsets_point_into_normalised_text() -> None:
    cleaned = clean_text(article("The\u00a0mayor\u00e2\u20ac\u2122s plan was approved on Monday by the council.", P2))
    start = cleaned.text.index("mayor’s")

    assert cleaned.text[start : start + len("mayor’s plan")] == "mayor’s plan"


def test_feed_title_wins_over_cleaned_title() -> None:
    cleaned = clean(RawArticle(title="Pier to close", text=article(P1, P2)))

    assert cleaned.title == "Pier to close"
    assert paragraphs_of(cleaned.text) == [P1, P2]


def test_english_article_is_english() -> None:
    assert detect_language(article(P1, P2, P3)) == "en"


def test_english_article_with_a_spanish_quote_stays_english() -> None:
    quote = "“No tenemos dinero para un muelle nuevo este año”, dijo el alcalde de la ciudad vecina."
    assert detect_language(article(P1, quote, P2, P3)) == "en"


def test_spanish_article_is_spanish() -> None:
    text = article(
        "El consejo del puerto votó el martes para cerrar el viejo muelle de los transbordadores.",
        "Los ingenieros encontraron grietas en tres de sus soportes de hormigón durante la inspección.",
    )
    assert detect_language(text) == "es"


def test_short_latin_text_defaults_to_english() -> None:
    assert detect_language("Pier closed") == "en"


def test_short_cyrillic_text_is_still_identified() -> None:
    assert detect_language("Мэр закрыл старый причал") == "ru"


def test_short_line_is_judged_by_the_short_line_threshold() -> None:
    model = LineModel(bias=0.0, weights={}, threshold=0.9, short_threshold=0.4)  # every line scores 0.5

    assert model.is_junk({"words_le8": 1.0}) is True
    assert model.is_junk({"words_le8": 0.0}) is False


def test_model_file_without_a_short_threshold_uses_one_threshold_for_all_lines() -> None:
    model = model_from_json({"bias": 0.0, "threshold": 0.6, "weights": {}})

    assert model.short_threshold is None
    assert model.is_junk({"words_le8": 1.0}) is False


def test_shipped_model_has_a_threshold_per_line_length() -> None:
    model = default_model()

    assert model.short_threshold is not None
    assert 0.0 < model.short_threshold < 1.0


def test_length_class_weights_fold_into_the_feature_weight() -> None:
    model = LineModel(bias=0.0, weights={"x": 1.0, "short:x": 1.0, "mid:x": 0.5, "long:x": -1.0}, threshold=0.5)

    short = model.junk_probability({"words_le8": 1.0, "words_le20": 1.0, "x": 1.0})
    mid = model.junk_probability({"words_le8": 0.0, "words_le20": 1.0, "x": 1.0})
    long = model.junk_probability({"words_le8": 0.0, "words_le20": 0.0, "x": 1.0})

    assert short == pytest.approx(1 / (1 + math.exp(-2.0)))
    assert mid == pytest.approx(1 / (1 + math.exp(-1.5)))
    assert long == pytest.approx(0.5)


def test_runtime_score_equals_the_training_rows_score() -> None:
    """The model scores plain feature rows exactly as training weighed the doubled (by_length) rows."""
    model = default_model()
    lines = [P1, "Mayor Unveils Plan To Plant Ten Thousand Trees Along Ring Road", "Ferry commuters", P2]
    for line, row in zip(lines, article_features(lines), strict=True):
        tokens = token_features(line)
        doubled = by_length(row)
        expected = model.bias + sum(model.weights.get(k, 0.0) * v for k, v in doubled.items())
        expected += sum(model.weights.get(t, 0.0) for t in tokens)

        assert model.junk_probability(row, tokens) == pytest.approx(1 / (1 + math.exp(-expected)), abs=1e-9)


def test_long_paragraph_ending_in_a_closing_quote_is_kept() -> None:
    line = (
        "Brennick said the council had looked at every other option, from patching the supports to building a "
        "floating pontoon, and had rejected each on cost or safety grounds. “There was no cheap way out of this. "
        "We will build it properly, once, and it will last another ninety years,” she said"
    )
    cleaned = clean_text(article(P1, line, P2, P3))

    assert line in paragraphs_of(cleaned.text)


def test_headline_of_another_story_between_paragraphs_is_removed() -> None:
    headline = "Lottery Winner Buys Castle On Remote Scottish Island"
    lines = [P1, P2, headline, P3, P4]

    assert article_features(lines)[2]["stray_headline"] == 1.0
    assert paragraphs_of(clean_text(article(*lines)).text) == [P1, P2, P3, P4]


def test_title_case_subheading_about_the_next_paragraphs_is_kept() -> None:
    heading = "Commuters Switch To The Coastal Bus"
    lines = [P1, P2, P3, heading, P4]

    assert article_features(lines)[3]["stray_headline"] == 0.0
    assert paragraphs_of(clean_text(article(*lines)).text) == lines


def test_a_roundup_of_headlines_is_not_taken_for_stray_headlines() -> None:
    items = [
        "Harbour Festival Returns With Tall Ships And Fireworks",
        "Council Approves New Cycle Lanes Along The Seafront",
        "Fishing Fleet Reports Best Mackerel Season In Decades",
        "Lighthouse Keeper Retires After Forty Years On Duty",
    ]
    lines = []
    for item, para in zip(items, [P1, P2, P3, P4], strict=True):
        lines += [para, item]
    lines.append(P1.replace("Tuesday", "Friday"))

    assert not any(row["stray_headline"] for row in article_features(lines))


def test_live_blog_time_subheadings_are_kept() -> None:
    cleaned = clean_text(article("10 p.m.", P1, P2, "4:14 p.m.", P3, P4))

    assert paragraphs_of(cleaned.text) == ["10 p.m.", P1, P2, "4:14 p.m.", P3, P4]


def test_sentence_about_delays_is_kept() -> None:
    line = "Ferries were delayed by 40 minutes on Monday, and quotes from bus companies rose by a third."
    cleaned = clean_text(article(P1, P2, line, P3))

    assert line in paragraphs_of(cleaned.text)


@pytest.mark.parametrize(
    "turns",
    [
        [  # "Q." / "A.": turns that hold junk phrases are still the interview
            "Q. Will the ferry run on Sundays?",
            "A. Yes, every hour.",
            "Q. Click here, he said, was the worst advice he ever got?",
            "A. Share this story with anyone who still believes it.",
        ],
        [
            "Q: What does a harbour master do on a normal day?",
            "A: Mostly paperwork and weather forecasts.",
            "Q: What will you miss about the old pier?",
            "A: The sound of the boards when the tide comes in.",
        ],
    ],
)
def test_interview_questions_and_answers_are_kept(turns: list[str]) -> None:
    cleaned = clean_text(article(P1, P2, *turns, P3))

    assert paragraphs_of(cleaned.text) == [P1, P2, *turns, P3]


@pytest.mark.xfail(reason="known limitation: short subheadings among long paragraphs score as menu items", strict=True)
def test_subheadings_of_a_review_are_kept() -> None:
    review = [
        "The new Eastmere ferry, the Marit, entered service on Monday after two years of delays and costs that "
        "ran a third over budget, and we spent a week riding it at every hour of the day.",
        "Seats and heating on board",
        "The seats on the upper deck are wide and the cabin stays quiet even at full speed, though the heating "
        "struggled on the coldest mornings of the week and several passengers kept their coats on.",
        "Crossing times",
        "The crossing took nineteen minutes on average, four fewer than on the old boat, and the Marit left on "
        "time on all but two of the forty trips we counted over the week.",
    ]
    cleaned = clean_text(article(*review))

    assert paragraphs_of(cleaned.text) == review


@pytest.mark.parametrize("line", ["x", "a_", "Q", "a\n"], ids=["letters", "underscored", "capitals", "glued_lines"])
def test_a_long_word_or_run_of_lines_costs_linear_time(line: str) -> None:
    # Growth, not a clock limit: 8× the characters may cost at most ≈ 16× (linear is 8×). A digit-word
    # pattern tried at every character of a word was quadratic: 100,000 letters and a digit took 87 s;
    # so was a pattern searched over a line growing by each lower-case line glued on (16,000: 4.5 s).
    def cost(chars: int) -> float:
        body = "The council met on Monday.\n\n" + line * (chars // len(line)) + " 1\n\nIt adjourned at 9."
        return best_cpu_seconds(lambda: clean(RawArticle(id="long-word", text=body)))

    small, large = cost(5_000), cost(40_000)
    assert large < 16 * small + 0.02, (small, large)
