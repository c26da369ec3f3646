"""Fictional wire stories written for these tests, with the junk a scraper leaves behind."""

from __future__ import annotations

from typing import Any

TOWNS = [
    "Marrowby",
    "Quellport",
    "Dunhaven",
    "Sorrel Bay",
    "Ketterick",
    "Ashmoor",
    "Bellweather",
    "Corran Falls",
    "Eastwick Reach",
    "Fenlow",
    "Glenhollow",
    "Harrowgate Vale",
]
PEOPLE = [
    ("Alma", "Reinholt"),
    ("Tobias", "Mwangi"),
    ("Celia", "Fairbanks"),
    ("Oskar", "Lindqvist"),
    ("Priya", "Natarajan"),
    ("Jonas", "Abernathy"),
    ("Helena", "Castellanos"),
    ("Ruben", "Okafor"),
]


def invented_surname(i: int) -> str:
    """The i-th of 17,576 distinct made-up surnames ("Aaason", "Baason", ...), for articles naming
    thousands of different people."""
    return f"{chr(65 + i % 26)}{chr(97 + i // 26 % 26)}{chr(97 + i // 676 % 26)}son"


def wire_story(n: int) -> str:
    """The n-th distinct plain-text story: a quote by pronoun, an acronym, a spam line, a caption."""
    town = TOWNS[n % len(TOWNS)]
    first, last = PEOPLE[n % len(PEOPLE)]
    budget = 10 + n
    return (
        f"{town} council approves {budget} million budget for new bridge\n\n"
        f"The {town} Regional Council approved a {budget} million dollar budget on Monday for a bridge "
        f"across the Lune estuary, ending a dispute that lasted {3 + n % 5} years.\n\n"
        f"Council leader {first} {last} said the bridge would cut the journey to the coast by 40 minutes. "
        f'"This is the most important decision we have taken in a decade," {last} told reporters.\n\n'
        "Click Here: best cheap watches online shop\n\n"
        f"The Lune Valley Transport Authority (LVTA) will oversee construction, which is due to start in "
        f"{2027 + n % 3}.\n\n"
        f"Workers inspect the old ferry landing in {town} on MondayCredit: Staff photographer\n\n"
        f'"We expect the first cars to cross within three years," {("she" if n % 2 else "he")} said.\n\n'
        "Leave a Reply\n\nYour email address will not be published. Required fields are marked *\n"
    )


def payload(n: int) -> dict[str, Any]:
    return {"id": f"story-{n:03d}", "url": f"https://news.example/{n}", "text": wire_story(n), "source": "tests"}
