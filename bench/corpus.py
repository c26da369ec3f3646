"""A reproducible corpus of fictional news articles (~900 tokens each) written for the benchmark."""

from __future__ import annotations

import random

FIRST = ["Alma", "Tobias", "Celia", "Oskar", "Priya", "Jonas", "Helena", "Ruben", "Mara", "Idris", "Lotte", "Samir"]
LAST = [
    "Reinholt",
    "Mwangi",
    "Fairbanks",
    "Lindqvist",
    "Natarajan",
    "Abernathy",
    "Castellanos",
    "Okafor",
    "Voss",
    "Halvorsen",
    "Demir",
    "Oyelaran",
]
PLACES = ["Marrowby", "Quellport", "Dunhaven", "Sorrel Bay", "Ketterick", "Ashmoor", "Bellweather", "Fenlow"]
ORGS = [
    ("Northern Rail Authority", "NRA"),
    ("Coastal Energy Board", "CEB"),
    ("Union of Port Workers", "UPW"),
    ("Regional Health Trust", "RHT"),
    ("National Audit Office", "NAO"),
    ("Lune Valley Council", "LVC"),
]
TOPICS = [
    "the rail link",
    "the new hospital wing",
    "the harbour expansion",
    "the wind farm",
    "the school budget",
    "the water tariff",
    "the flood defences",
    "the tram extension",
]

PARAGRAPHS = [
    "{first} {last}, who chairs the {org} ({abbr}), said on {day} that {topic} would cost {n} million dollars, "
    "{pct} percent more than the figure published in {year}.",
    '"We were told this would be finished by {year2}, and it will not be," {last} told reporters in {place}. '
    '"People deserve a straight answer about where the money went."',
    "According to the {abbr}, about {k} people use the current service every week, and demand has grown "
    "by {pct2} percent since {year}. Officials expect that number to double once {topic} opens.",
    "The {org} rejected the criticism. In a statement, it said the delays were caused by a shortage of "
    "steel and by two winters of unusually heavy rain, and it promised to publish a revised schedule.",
    "{first2} {last2}, a councillor for {place}, accused the authority of hiding the true cost. She said "
    "residents had been asked to pay higher charges while contractors were paid in advance.",
    "Critics have long argued that {topic} was planned in a hurry. A report by the {org2} last year found "
    "that {pct} percent of similar projects in the region ran over budget, some of them by more than half.",
    'Asked whether he would resign, {last} said he had no intention of doing so. "My job is to get this '
    'built, not to walk away when it gets difficult," he said.',
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
    "{first} {last} {verb} that the {org} had {moved} {n} million dollars from maintenance to {topic} "
    "without telling the board, a claim the authority {denied} on {day}.",
    "Figures {released} by the {abbr} show {k} passengers in {year}, down from {k2} a decade earlier. "
    '{first2} {last2}, an analyst in {place}, {verb} the fall was "entirely predictable".',
    '"If nobody is accountable, nothing changes," {first2} {last2} wrote in a letter to the {org2}, '
    "{adding} that {pct} percent of the promised work had still not {begun}.",
    "Unions {warned} on {day} that {k2} jobs in {place} could go if {topic} is {shelved}. The {org2} "
    "{verb} it would meet employers before the end of the month.",
    "In {year}, the {org} {promised} that fares would not rise by more than {pct2} percent. Tickets have "
    "since gone up by {pct} percent, according to data {released} by {first} {last}.",
    "{last} has {faced} questions about a {n3} million dollar contract {awarded} to a firm in {place} "
    "whose director once sat on the {org} board. He {denied} any wrongdoing.",
    "The {abbr} expects {topic} to carry {k} people a day by {year2}. Independent experts {verb} that "
    "forecast was optimistic and {put} the figure closer to {k2}.",
    'A spokeswoman for the {org2} {verb} it had not been consulted. "We {learned} about the change '
    'from the newspapers," she said on {day}.',
    "Protesters {gathered} outside the {org} offices in {place} on {day}, carrying banners that "
    '{read} "{n} million and counting". Police {verb} about {n2} people took part.',
    "The audit, due in {year2}, will examine whether {topic} {met} the rules on public tenders. "
    "{first2} {last2}, who will lead it, {verb} she would publish every finding.",
    "Officials in {place} {conceded} that {pct2} percent of the budget had been spent on consultants. "
    '"That is too much, and we will bring it down," {first} {last} said.',
    "Local businesses {backed} {topic} at first. Now {pct} percent of members of the {place} chamber of "
    "commerce say it has {hurt} trade, according to a survey {released} on {day}.",
]

VARIANTS = {
    "verb": ["said", "argued", "insisted", "claimed", "told reporters", "maintained", "suggested", "warned"],
    "moved": ["moved", "shifted", "diverted", "transferred", "reallocated"],
    "denied": ["denied", "rejected", "disputed", "dismissed", "contested"],
    "released": ["released", "published", "obtained", "made public", "circulated"],
    "adding": ["adding", "noting", "arguing", "complaining", "observing"],
    "begun": ["begun", "started", "been tendered", "been funded", "left the drawing board"],
    "warned": ["warned", "cautioned", "said", "claimed", "feared"],
    "shelved": ["shelved", "delayed again", "cancelled", "scaled back", "put on hold"],
    "promised": ["promised", "pledged", "guaranteed", "undertook", "vowed"],
    "faced": ["faced", "fielded", "dodged", "been asked", "refused to answer"],
    "awarded": ["awarded", "granted", "handed", "given", "signed"],
    "put": ["put", "placed", "estimated", "set", "pegged"],
    "learned": ["learned", "heard", "found out", "read", "were told"],
    "gathered": ["gathered", "marched", "rallied", "assembled", "demonstrated"],
    "read": ["read", "said", "declared", "proclaimed", "announced"],
    "met": ["met", "followed", "broke", "bent", "ignored"],
    "conceded": ["conceded", "admitted", "acknowledged", "confirmed", "revealed"],
    "backed": ["backed", "supported", "welcomed", "cheered", "endorsed"],
    "hurt": ["hurt", "damaged", "harmed", "dented", "reduced"],
}


def _slots(rng: random.Random) -> dict[str, object]:
    (org, abbr), (org2, _) = rng.sample(ORGS, 2)
    return {
        "first": rng.choice(FIRST),
        "last": rng.choice(LAST),
        "first2": rng.choice(FIRST),
        "last2": rng.choice(LAST),
        "place": rng.choice(PLACES),
        "org": org,
        "abbr": abbr,
        "org2": org2,
        "topic": rng.choice(TOPICS),
        "day": rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]),
        "n": rng.randint(20, 900),
        "n2": rng.randint(50, 400),
        "n3": rng.randint(5, 90),
        "pct": rng.randint(5, 60),
        "pct2": rng.randint(3, 40),
        "year": rng.randint(2015, 2024),
        "year2": rng.randint(2026, 2031),
        "k": f"{rng.randint(2, 90)},{rng.randint(100, 999)}",
        "k2": f"{rng.randint(1, 20)},{rng.randint(100, 999)}",
        **{slot: rng.choice(words) for slot, words in VARIANTS.items()},
    }


def article(seed: int) -> str:
    """About 900 tokens: the paragraph templates in a random order, every four with other names, figures and verbs,
    so that two articles share few word runs (as two real stories do)."""
    rng = random.Random(seed)
    slots = _slots(rng)
    title = f"Costs of {slots['topic']} in {slots['place']} rise again"
    body = []
    for n, template in enumerate(rng.sample(PARAGRAPHS, len(PARAGRAPHS))):
        if n and n % 4 == 0:
            slots = _slots(rng)
        body.append(template.format(**slots))
    return title + "\n\n" + "\n\n".join(body) + "\n"


def corpus(size: int, offset: int = 0) -> list[str]:
    return [article(offset + i) for i in range(size)]
