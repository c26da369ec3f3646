"""Fictional pages for the operations tests: a long story, its syndicated copy, an unrelated story,
and a small news site as HTML."""

from __future__ import annotations

from html import escape

from tests.articles import wire_story

HEADLINE = "Tidal barrier for the Lune estuary wins final approval after six-year fight"
COPY_HEADLINE = "Lune estuary barrier approved: what it means for Marrowby"

PARAGRAPHS = [
    "The Lune Valley Regional Council gave final approval on Thursday to a tidal barrier across the Lune "
    "estuary, ending a six-year dispute between fishing crews, shipping firms and the towns that flood every "
    "winter when storm surges push seawater up the river.",
    "The barrier, a line of eleven steel gates slung between concrete piers, will cost 412 million crowns and "
    "is due to close for the first time in the autumn of 2030, according to the council's engineering office.",
    "Council leader Alma Reinholt said the vote was the hardest the chamber had faced since the floods of 2019, "
    "when the river rose four metres in a single night and two thousand homes in Marrowby had to be evacuated.",
    '"We have asked people in the lower town to live with sandbags for seven winters," Reinholt told reporters '
    'outside the council chamber. "Tonight we told them that the water will stop at the gates."',
    "The fishing cooperative of Quellport, which had fought the plan through two public inquiries, said it "
    "would not appeal, after the council agreed to keep a navigation channel open whenever the gates are raised.",
    "Cooperative chair Tobias Mwangi said his members had won the guarantee they needed. He added that the "
    "crews would watch closely whether the promised channel stayed deep enough for the larger trawlers.",
    "Shipping firms had warned that closing the estuary for more than a few hours at a time would strand "
    "container vessels at the Dunhaven docks, which handle most of the region's grain and timber exports.",
    "Under the approved plan the gates will close only when the forecast surge exceeds 2.4 metres, which the "
    "council's own models suggest will happen on six to nine nights in an average year.",
    "The regional environment agency estimated that the barrier would protect about 31,000 homes and 900 "
    "businesses along the lower river, and that it would cut the expected cost of flood damage by two thirds.",
    "Construction is to begin next spring with the dredging of the river bed between the two piers nearest "
    "the Marrowby shore, work that the contractor expects to take most of the first year.",
    "Critics on the council, led by councillor Celia Fairbanks, argued that the money would have gone further "
    "if spent on raising embankments and buying out the homes most often flooded.",
    'Fairbanks said the barrier locked the region into one expensive answer for half a century. "We are '
    'betting everything on a machine that has to work perfectly on the worst night of the year," she said.',
    "The national infrastructure fund has promised to pay 60 percent of the cost, with the rest to come from "
    "a regional bond that the council expects to issue in two parts over the next three years.",
    "The council will publish the full construction timetable and the rules for operating the gates at its "
    "next meeting in January, when residents will also be able to put questions to the engineers.",
    "In the lower town, where water marks from 2019 are still visible on the walls of the old market hall, "
    "shopkeepers greeted the vote with relief but said they would believe in the barrier when they saw it.",
]
# The syndicating outlet edited one paragraph for its readers and changed the headline.
CHANGED = (
    6,
    "Shipping firms had warned that shutting the estuary for more than a few hours at a time would "
    "strand cargo ships at the Dunhaven quays, which handle most of the region's grain and timber exports.",
)

OTHER_PARAGRAPHS = [
    "A heatwave across the southern plains pushed temperatures above 41 degrees on Tuesday, and the national "
    "grid operator asked factories in three provinces to pause production during the afternoon peak.",
    "Hospitals in Sorrel Bay and Ketterick reported a sharp rise in admissions for heat exhaustion, mostly "
    "among elderly patients and outdoor workers, health officials said at a briefing.",
    "The meteorological office said the hot spell would last at least until Sunday, when a band of storms "
    "from the west is expected to bring heavy rain, hail and falling temperatures to the coast.",
    "Farmers warned that the wheat harvest, already delayed by a wet spring, could lose a fifth of its yield "
    "if the heat continued through the grain-filling weeks of early summer.",
    "Water companies introduced hosepipe bans for more than two million customers, and the reservoir at "
    "Glenhollow fell to its lowest level for the time of year since records began in 1958.",
]


def story_text(headline: str, paragraphs: list[str]) -> str:
    return "\n\n".join([headline, *paragraphs]) + "\n"


def original_story() -> str:
    return story_text(HEADLINE, PARAGRAPHS)


def syndicated_copy() -> str:
    index, replacement = CHANGED
    paragraphs = list(PARAGRAPHS)
    paragraphs[index] = replacement
    return story_text(COPY_HEADLINE, paragraphs)


def other_story() -> str:
    return story_text("Heatwave forces factories to pause as grid strains", OTHER_PARAGRAPHS)


def news_page(n: int, links: tuple[str, ...] = ()) -> str:
    """The n-th page of a fictional news site: navigation, the story as <p>s, a footer."""
    lines = [line for line in wire_story(n).split("\n\n") if line.strip()]
    headline, body = lines[0], lines[1:]
    nav = " | ".join(f'<a href="{escape(link)}">more</a>' for link in links)
    paragraphs = "\n".join(f"<p>{escape(p)}</p>" for p in body)
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{escape(headline)}</title></head>'
        f"<body><nav>Home | Region | Sport {nav}</nav><article><h1>{escape(headline)}</h1>\n{paragraphs}\n"
        "</article><footer>© The Lune Valley Gazette (fictional)</footer></body></html>"
    )
