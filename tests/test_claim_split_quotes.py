"""Split quotes (pipeline/claims/orphans.split_quote): one slice for the quoted words, the cut-off parts."""

from __future__ import annotations

from pipeline.claims.orphans import split_quote, split_quotes
from pipeline.claims.quotations import find_quotations
from pipeline.models import Quote, Span


def _quote(text: str, content: str, cue: str) -> Quote:
    start, cue_start = text.index(content), text.index(cue)
    return Quote(
        "direct",
        Span(content, start, start + len(content)),
        None,
        Span(cue, cue_start, cue_start + len(cue)),
    )


def test_split_quote_with_a_long_aside_becomes_one_quote_per_quotation() -> None:
    text = (
        '"The bridge opens in May," said Ana Reyes, who has run the county\'s roads office since the flood '
        'closed the old crossing, "and the tolls end in June."'
    )
    joined = _quote(text, text[1 : text.rindex('."')], "said")
    kept, others = split_quote(text, joined, find_quotations(text))
    parts = sorted([kept, *others], key=lambda q: q.content.start)
    assert [p.content.text for p in parts] == ["The bridge opens in May", "and the tolls end in June"]
    assert all(p.cue == joined.cue for p in parts)


def test_split_quote_around_a_short_attribution_is_kept_whole() -> None:
    text = '"The bridge opens in May," she said, "and the tolls end in June."'
    joined = _quote(text, text[1 : text.rindex('."')], "said")
    part, others = split_quote(text, joined, find_quotations(text))
    assert not others
    assert part.content.text == 'The bridge opens in May," she said, "and the tolls end in June'


def test_quote_whose_cue_is_outside_its_content_is_not_split() -> None:
    text = 'She said the bridge was "late" and the tolls were "too high" for most drivers.'
    quote = _quote(text, 'the bridge was "late" and the tolls were "too high" for most drivers', "said")
    assert split_quote(text, quote, find_quotations(text)) == (quote, [])


def test_short_phrase_cut_off_a_split_quote_is_no_quote_of_its_own() -> None:
    text = (
        '"The bridge opens in May and the tolls end in June," said Ana Reyes, the roads officer, asking '
        'drivers to "stay patient."'
    )
    joined = _quote(text, text[1 : text.rindex('."')], "said")
    (quote,) = split_quotes(text, [joined], find_quotations(text))
    assert quote.content.text == "The bridge opens in May and the tolls end in June"
