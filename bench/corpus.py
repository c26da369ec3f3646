"""A reproducible corpus of fictional news articles (~900 tokens each) written for the benchmark."""

from __future__ import annotations

import random

FIRST = ["Alma", "Tobias", "Celia", "Oskar", "Priya", "Jonas", "Helena", "Ruben", "Mara", "Idris", "Lotte", "Samir"]
LAST = ["Reinholt", "Mwangi", "Fairbanks", "Lindqvist", "Natarajan", "Abernathy", "Castellanos", "Okafor",
        "Voss", "Halvorsen", "Demir", "Oyelaran"]
PLACES = ["Marrowby", "Quellport", "Dunhaven", "Sorrel Bay", "Ketterick", "Ashmoor", "Bellweather", "Fenlow"]
ORGS = [("Northern Rail Authority", "NRA"), ("Coastal Energy Board", "CEB"), ("Union of Port Workers", "UPW"),
        ("Regional Health Trust", "RHT"), ("National Audit Office", "NAO"), ("Lune Valley Council", "LVC")]
TOPICS = ["the rail link", "the new hospital wing", "the harbour expansion", "the wind farm", "the school budget",
          "the water tariff", "the flood defences", "the tram extension"]

PARAGRAPHS = [
    "{first} {last}, who chairs the {org} ({abbr}), said on {day} that {topic} would cost {n} million dollars, "
    "{pct} percent more than the figure published in {year}.",
    "\"We were told this would be finished by {year2}, and it will not be,\" {last} told reporters in {place}. "
    "\"People deserve a straight answer about where the money went.\"",
    "According to the {abbr}, about {k} people use the current service every week, and demand has grown "
    "by {pct2} percent since {year}. Officials expect that number to double once {topic} opens.",
    "The {org} rejected the criticism. In a statement, it said the delays were caused by a shortage of "
    "steel and by two winters of unusually heavy rain, and it promised to publish a revised schedule.",
    "{first2} {last2}, a councillor for {place}, accused the authority of hiding the true cost. She said "
    "residents had been asked to pay higher charges while contractors were paid in advance.",
    "Critics have long argued that {topic} was planned in a hurry. A report by the {org2} last year found "
    "that {pct} percent of similar projects in the region ran over budget, some of them by more than half.",
    "Asked whether he would resign, {last} said he had no intention of doing so. \"My job is to get this "
    "built, not to walk away when it gets difficult,\" he said.",
    "Shops near the site say trade has fallen since work began. One owner, who asked not to be named, said "
    "her takings were down by a third and that two neighbouring businesses had already closed.",
    "The national government has offered {n2} million dollars in loans, on condition that the {abbr} "
    "publishes monthly accounts and appoints an independent auditor before the end of {year2}.",
    "Engineers warned in {year} that the ground beneath {place} was softer than surveys suggested. Their "
    "advice, seen by this newspaper, recommended deeper foundations at an extra cost of {n3} million.",
    "Residents will have a chance to question officials at a public meeting in {place} on {day}. The "
    "meeting was called after a petition signed by {k2} people was delivered to the council.",
    "Opposition leaders urged ministers to take control of {topic}. They argued that the {org} had lost "
    "the confidence of the public and that further delays would damage the regional economy.",
]


def _slots(rng: random.Random) -> dict[str, object]:
    (org, abbr), (org2, _) = rng.sample(ORGS, 2)
    return {
        "first": rng.choice(FIRST), "last": rng.choice(LAST), "first2": rng.choice(FIRST), "last2": rng.choice(LAST),
        "place": rng.choice(PLACES), "org": org, "abbr": abbr, "org2": org2, "topic": rng.choice(TOPICS),
        "day": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        "n": rng.randint(20, 900), "n2": rng.randint(50, 400), "n3": rng.randint(5, 90),
        "pct": rng.randint(5, 60), "pct2": rng.randint(3, 40), "year": rng.randint(2015, 2024),
        "year2": rng.randint(2026, 2031), "k": f"{rng.randint(2, 90)},{rng.randint(100, 999)}",
        "k2": f"{rng.randint(1, 20)},{rng.randint(100, 999)}",
    }


def article(seed: int) -> str:
    """About 900 tokens: every paragraph template twice, each time with other names and figures."""
    rng = random.Random(seed)
    slots = _slots(rng)
    title = f"Costs of {slots['topic']} in {slots['place']} rise again"
    body = [p.format(**slots) for p in rng.sample(PARAGRAPHS, len(PARAGRAPHS))]
    second = _slots(rng)
    body += [p.format(**second) for p in rng.sample(PARAGRAPHS, len(PARAGRAPHS))]
    return title + "\n\n" + "\n\n".join(body) + "\n"


def corpus(size: int, offset: int = 0) -> list[str]:
    return [article(offset + i) for i in range(size)]
