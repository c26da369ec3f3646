"""Articles for the fault runs: fictional wire stories, hostile inputs, and fault-hook markers."""

from __future__ import annotations

import uuid
from typing import Any

from tests.articles import invented_surname, payload, wire_story
from tests.faults.hooks.sitecustomize import EXIT, HANG, HOG, RAISE, SLEEP

MIB = 2**20
INVALID_UTF8 = b"Council \xff\xfe\xc3( budget \xed\xa0\x80 "


def stories(count: int, tag: str) -> list[dict[str, Any]]:
    """`count` distinct normal articles; `tag` keeps runs apart (the content hash includes the url)."""
    return [dict(payload(n), url=f"https://news.example/{tag}/{n}") for n in range(count)]


def fresh_story(tag: str) -> dict[str, Any]:
    unique = uuid.uuid4().hex[:8]
    return dict(payload(7), id=f"after-{tag}-{unique}", url=f"https://news.example/after/{unique}")


def marked(marker: str, tag: str) -> dict[str, Any]:
    return {
        "id": f"{tag}-{marker.lower()}",
        "url": f"https://news.example/{tag}/{marker}",
        "text": wire_story(3) + f"\n\n{marker}\n",
    }


def fault_articles(tag: str) -> dict[str, dict[str, Any]]:
    """One article per fault hook: each must end as a recorded failure with its own reason."""
    return {
        name: marked(marker, tag)
        for name, marker in (
            ("poison (process exits)", EXIT),
            ("unexpected exception", RAISE),
            ("soft time limit", SLEEP),
            ("hard time limit", HANG),
            ("memory limit", HOG),
        )
    }


def _nested_html(depth: int) -> str:
    return "<html><body>" + "<div>" * depth + "<p>Council approves bridge budget.</p>" + "</div>" * depth


def _crowded_page(elements: int, tweets: int) -> str:
    """A page whose one paragraph holds `elements` links and which embeds `tweets` tweets."""
    links = " ".join(f'<a href="/tag/{i}">tag {i}</a>' for i in range(elements))
    wall = "".join(
        f'<blockquote class="twitter-tweet"><p>Reply {i} about the bridge</p>&mdash; R{i} (@r{i})</blockquote>'
        for i in range(tweets)
    )
    return f"<html><body><article><p>Council approves bridge budget.</p><p>{links}</p>{wall}</article></body></html>"


def _roll_call(names: int) -> str:
    """An article naming `names` different people and bodies (a list of candidates, of victims)."""
    return "\n\n".join(
        f"Councillor {invented_surname(i)} of the Ward {i} Residents Association (WRA{i}) voted for the bridge."
        for i in range(names)
    )


def hostile(
    huge_bytes: int = 50 * MIB,
    lines: int = 10_000,
    depth: int = 100_000,
    quotes: int = 5_000,
    crowd: int = 16_000,
    names: int = 3_000,
) -> dict[str, dict[str, Any]]:
    """Inputs a crawler can produce. Sent as they are (around the producer's checks)."""
    binary = bytes(range(256)) * 64
    corpus: dict[str, Any] = {
        "empty": {"text": ""},
        "whitespace only": {"text": " \n\t\u00a0\u2003 \r\n "},
        "binary bytes": {"text": binary.decode("latin-1")},
        "invalid UTF-8 (replaced)": {"text": (INVALID_UTF8 * 200).decode("utf-8", "replace")},
        "invalid UTF-8 (lone surrogates)": {"text": (INVALID_UTF8 * 200).decode("utf-8", "surrogateescape")},
        f"{huge_bytes:,} bytes of text": {"text": "word " * (huge_bytes // 5)},
        "deeply nested HTML": {"html": _nested_html(depth)},
        "truncated HTML": {
            "html": "<html><head><title>Flood defences</title></head><body><p>The river rose "
            'two metres overnight, officials said. <div class="x"><span>And th'
        },
        "only scripts": {
            "html": "<html><head><script>var a = 1;</script></head><body>"
            + "<script>document.write('x');</script>" * 500
            + "</body></html>"
        },
        "non-English": {
            "text": "Der Stadtrat von Quellhafen hat am Montag ein Budget von 12 Millionen Euro für "
            "eine neue Brücke beschlossen. „Das ist die wichtigste Entscheidung seit "
            "Jahren“, sagte die Bürgermeisterin. 市议会周一批准了新桥预算。" * 20
        },
        "SQL and JSON metacharacters": {
            "id": "x'); DROP TABLE articles;--",
            "title": '"}{][\\" OR 1=1 --',
            "text": "Robert'); DROP TABLE articles;-- said the council's {\"budget\": "
            "[1,2]} was approved; SELECT * FROM failures WHERE '1'='1'. " * 50,
        },
        "NUL bytes": {
            "id": "nul\x00id",
            "title": "Bridge\x00budget",
            "text": "The council\x00 approved the bridge budget on Monday.\x00\x00 " * 40,
        },
        f"{lines:,} 'Click here' lines": {"text": "Click here\n" * lines},
        "huge numbers of quote marks": {"text": ('"' * quotes * 10) + " he said “‘" * quotes + "'" * quotes * 10},
        f"{crowd:,} links in one paragraph, {crowd // 2:,} tweets": {"html": _crowded_page(crowd, crowd // 2)},
        f"{names:,} different names": {"text": _roll_call(names)},
    }
    return {name: dict(p, url=f"https://hostile.example/{n}") for n, (name, p) in enumerate(corpus.items())}
