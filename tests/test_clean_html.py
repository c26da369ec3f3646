"""HTML cleaning: the article body exactly, its title, embedded tweets kept, captions apart, no network.

The pages here are invented for the tests.
"""

from __future__ import annotations

import socket

import pytest

from pipeline.clean import clean, clean_html
from pipeline.models import RawArticle
from tests.growth import best_cpu_seconds

PARAGRAPHS = [
    "The harbour council of Eastmere voted on Tuesday to close the old ferry pier after engineers found "
    "cracks in three of its concrete supports, a decision that will reroute about 4,000 commuters a day.",
    "Council member Ada Brennick said the vote had been painful but unavoidable. The ferry operator, "
    "Northline Marine, will move its boats to the cargo quay until a new pier is built in 2027.",
    "Engineers from the regional transport office first inspected the pier in March, after a diver "
    "reported loose fragments under the waterline. Their report recommended closing it within a year.",
    "Commuters interviewed at the terminal on Wednesday were mostly resigned. Some said they would switch "
    "to the coastal bus, which the council promised to run every ten minutes during the morning rush.",
    "The council will publish the designs for the new pier in January and hold two public meetings on "
    "them, one in the town hall and one aboard a ferry moored at the cargo quay, officials said.",
]
TWEET = "The old pier served us for ninety years. Sad day for Eastmere https://t.co/abc123"
TWEET_SIGNATURE = "— Eastmere Ferries (@eastmereferries) November 12, 2024"
CAPTION = "Divers inspect the cracked supports of the old ferry pier in Eastmere"


def page(body: str, title: str = "Eastmere to close its old ferry pier") -> str:
    nav = "".join(f'<li><a href="/{s}">{s}</a></li>' for s in ("Home", "World", "Business", "Sport", "Weather"))
    return f"""<!DOCTYPE html><html><head><title>{title} | Eastmere Gazette</title>
<meta property="og:title" content="{title}"></head><body>
<header><nav><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1>{body}</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Lottery winner buys castle in Scotland</a></li>
<li><a href="/b">Ten recipes for a rainy weekend</a></li></ul></aside>
<footer><p>© 2024 Eastmere Gazette. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body></html>"""


def paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def test_body_is_the_article_paragraphs_without_navigation_or_footer() -> None:
    cleaned = clean_html(page(paragraphs_html(PARAGRAPHS)))

    for paragraph in PARAGRAPHS:
        assert paragraph in cleaned.text
    assert "Lottery winner" not in cleaned.text
    assert "All rights reserved" not in cleaned.text
    assert "Weather" not in cleaned.text


def test_paragraphs_are_joined_by_blank_lines() -> None:
    cleaned = clean_html(page(paragraphs_html(PARAGRAPHS)))

    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_title_is_extracted() -> None:
    cleaned = clean_html(page(paragraphs_html(PARAGRAPHS)))

    assert cleaned.title is not None
    assert "Eastmere to close its old ferry pier" in cleaned.title


@pytest.mark.parametrize(
    "junk",
    [
        "Advertisement",
        "Related: Ferry fares to rise in January",
        "Read more: how the pier was built",
        "Follow Jane Doe on Twitter",
        "(Reporting by Tom Reed; Editing by Ann Lee)",
    ],
)
def test_boilerplate_line_inside_the_article_is_removed(junk: str) -> None:
    body = paragraphs_html(PARAGRAPHS[:2]) + f"<p>{junk}</p>" + paragraphs_html(PARAGRAPHS[2:])

    cleaned = clean_html(page(body))

    assert cleaned.text.split("\n\n") == PARAGRAPHS


def test_embedded_tweet_is_kept_where_it_was() -> None:
    # as publishers embed them: inside a "social embed" box, which extractors throw away
    tweet = (
        '<div class="social-media-embed"><blockquote class="twitter-tweet">'
        f'<p lang="en" dir="ltr">{TWEET}</p>{TWEET_SIGNATURE}</blockquote>'
        '<script async src="https://platform.twitter.com/widgets.js"></script></div>'
    )
    body = paragraphs_html(PARAGRAPHS[:2]) + tweet + paragraphs_html(PARAGRAPHS[2:])

    lines = clean_html(page(body)).text.split("\n\n")

    assert lines.index(TWEET) == lines.index(PARAGRAPHS[1]) + 1
    assert lines.index(TWEET_SIGNATURE) == lines.index(TWEET) + 1


def test_caption_is_kept_apart_without_its_credit() -> None:
    caption = f"<figcaption>{CAPTION} Photo: Harbour Photo Agency</figcaption>"
    figure = f'<figure><img src="pier.jpg" alt="">{caption}</figure>'
    body = paragraphs_html(PARAGRAPHS[:1]) + figure + paragraphs_html(PARAGRAPHS[1:])

    cleaned = clean_html(page(body))

    assert cleaned.captions == (CAPTION,)
    assert "Divers inspect" not in cleaned.text
    assert "Harbour Photo Agency" not in cleaned.text


def test_body_split_into_chunks_around_an_ad_is_kept_whole() -> None:
    more = [
        f"In its second part the report lists {n} further repairs the council had postponed since 2015, "
        "including the railings, the lamps and the wooden boarding along the waiting area."
        for n in ("five", "six", "seven", "eight")
    ]
    chunk = '<div class="story-chunk body-text">{}</div>'
    ad = '<div class="ad-slot"><span>Advertisement</span><iframe src="https://ads.example/x"></iframe></div>'
    body = chunk.format(paragraphs_html(PARAGRAPHS)) + ad + chunk.format(paragraphs_html(more))

    cleaned = clean_html(page(body))

    for paragraph in PARAGRAPHS + more:
        assert paragraph in cleaned.text


def test_no_network_access_while_cleaning(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("cleaning tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    body = '<img src="https://images.example/pier.jpg">' + paragraphs_html(PARAGRAPHS)

    cleaned = clean_html(page(body))

    assert PARAGRAPHS[0] in cleaned.text


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "not html at all", "<div><div><p></div>"])
def test_empty_or_broken_pages_give_an_empty_body_without_error(html: str) -> None:
    cleaned = clean_html(html)

    assert isinstance(cleaned.text, str)
    assert "<" not in cleaned.text


def test_html_wins_over_text_when_both_are_present() -> None:
    raw = RawArticle(html=page(paragraphs_html(PARAGRAPHS)), text="Some other text entirely.")

    cleaned = clean(raw)

    assert PARAGRAPHS[0] in cleaned.text
    assert "Some other text" not in cleaned.text


def test_mojibake_in_a_page_is_repaired() -> None:
    broken = PARAGRAPHS[1].replace("vote had", "council\u00e2\u20ac\u2122s vote had")

    cleaned = clean_html(page(paragraphs_html([PARAGRAPHS[0], broken, *PARAGRAPHS[2:]])))

    assert "council\u2019s vote had" in cleaned.text


def test_paragraph_nested_deeper_than_the_parser_keeps_is_not_lost() -> None:
    depth = 3000  # libxml2 drops everything below 255 levels; the extractor then sees an empty page
    html = "<html><body>" + "<div>" * depth + paragraphs_html(PARAGRAPHS[:2]) + "</div>" * depth + "</body></html>"

    cleaned = clean_html(html)

    assert cleaned.text.split("\n\n") == PARAGRAPHS[:2]


@pytest.mark.parametrize(
    "raw_caption",
    [
        f"Image caption {CAPTION}",
        f"{CAPTION} REUTERS/Jane Roe",
        f"{CAPTION}.Jane Roe / AP file",
        f"{CAPTION} [File: Reuters]",
        f"Jane Roe | Getty Images{CAPTION}",
    ],
)
def test_caption_labels_and_agency_credits_are_stripped(raw_caption: str) -> None:
    figure = f'<figure><img src="pier.jpg" alt=""><figcaption>{raw_caption}</figcaption></figure>'
    body = paragraphs_html(PARAGRAPHS[:1]) + figure + paragraphs_html(PARAGRAPHS[1:])

    cleaned = clean_html(page(body))

    assert [c.rstrip(".") for c in cleaned.captions] == [CAPTION]


def _page_with_one_crowded_paragraph(links: int, tag: str = "a") -> str:
    crowded = " ".join(f'<{tag} href="/tag/{i}">harbour tag {i}</{tag}>' for i in range(links))
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    article = f"<article>{body}<p>{crowded}<br>End.</p></article>"
    return f"<html><head><title>Pier closes</title></head><body>{article}</body></html>"


@pytest.mark.parametrize("tag", ["span", "b", "img"])
def test_thousands_of_inline_elements_in_one_paragraph_cost_linear_time(tag: str) -> None:
    # Growth, not a clock limit: 8× the elements may cost at most ≈ 16× (linear is 8×). trafilatura's
    # extractor is quadratic in the nodes of one paragraph: 2,000 spans took 0.26 s, 16,000 took 36 s.
    def cost(links: int) -> float:
        page = _page_with_one_crowded_paragraph(links, tag)
        return best_cpu_seconds(lambda: clean_html(page))

    small, large = cost(2_000), cost(16_000)
    assert large < 16 * small + 0.05, (small, large)


def test_unwrapping_a_crowded_paragraph_keeps_its_words_and_other_elements() -> None:
    from pipeline.clean.html import _MAX_INLINE_CHILDREN, parse_html

    page = _page_with_one_crowded_paragraph(_MAX_INLINE_CHILDREN + 5)
    tree = parse_html(page)
    assert tree is not None
    crowded = tree.xpath("//p")[-1]
    assert not crowded.xpath(".//a")  # unwrapped ...
    assert [child.tag for child in crowded] == ["br"]  # ... the line break kept
    words = " ".join(f"harbour tag {i}" for i in range(_MAX_INLINE_CHILDREN + 5))
    assert "".join(crowded.itertext()) == words + "End."
    few = parse_html(_page_with_one_crowded_paragraph(_MAX_INLINE_CHILDREN - 1))
    assert few is not None and len(few.xpath("//p")[-1].xpath(".//a")) == _MAX_INLINE_CHILDREN - 1  # a news page


def test_images_and_custom_elements_of_a_crowded_paragraph_are_unwrapped_too() -> None:
    from pipeline.clean.html import _MAX_INLINE_CHILDREN, parse_html

    crowded = "".join(f'<x-word>w{i}</x-word> <img src="{i}.png"> ' for i in range(_MAX_INLINE_CHILDREN))
    tree = parse_html(f"<html><body><article><p>Before: {crowded}<br>after.</p></article></body></html>")
    assert tree is not None
    paragraph = tree.xpath("//p")[0]
    assert [child.tag for child in paragraph] == ["br"]
    expected = "Before: " + "".join(f"w{i}  " for i in range(_MAX_INLINE_CHILDREN)) + "after."
    assert "".join(paragraph.itertext()) == expected


def _page_with_tweets(tweets: int) -> str:
    wall = "".join(
        f'<blockquote class="twitter-tweet"><p>Reply {i}: the pier must stay open for the ferries</p>'
        f"&mdash; Reader {i} (@reader{i}) November 12, 2024</blockquote>"
        for i in range(tweets)
    )
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"<html><head><title>Pier closes</title></head><body><article>{body}{wall}</article></body></html>"


def test_thousands_of_embedded_tweets_cost_linear_time() -> None:
    # Growth, not a clock limit: 8× the tweets may cost at most ≈ 16× (linear is 8×). Placing each tweet
    # the extractor dropped searched the whole body: 1,000 tweets took 1.8 s, 8,000 took 117 s.
    def cost(tweets: int) -> float:
        page = _page_with_tweets(tweets)
        return best_cpu_seconds(lambda: clean_html(page))

    small, large = cost(400), cost(3_200)
    assert large < 16 * small + 0.05, (small, large)


def test_only_the_first_fifty_embedded_tweets_are_placed() -> None:
    from pipeline.clean.html import parse_html
    from pipeline.clean.page import embedded_tweets

    tree = parse_html(_page_with_tweets(80))
    assert tree is not None
    tweets = embedded_tweets(tree)
    assert len(tweets) == 50
    assert tweets[0].lines[0].startswith("Reply 0:") and tweets[-1].lines[0].startswith("Reply 49:")
