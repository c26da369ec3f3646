"""A page's visible text as lines (one per block element), by a streaming parser with no depth limit.

Used when the tree-based extractor comes back empty (libxml2 drops whatever sits deeper than 255
elements), and by the training script to label a page's lines.
"""

from __future__ import annotations

from html.parser import HTMLParser

from pipeline.clean.normalize import normalize_text

SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object", "select"})
BLOCK_TAGS = frozenset(
    """p div li ul ol h1 h2 h3 h4 h5 h6 td th tr table blockquote figcaption figure section article header
    footer nav aside dt dd dl pre br form main address button label title hr option""".split()  # noqa: SIM905
)


class _LineCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIP_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def visible_lines(html: str) -> list[str]:
    """The page's non-empty text lines, normalised, in order."""
    collector = _LineCollector()
    collector.feed(html)
    collector.close()
    return [line for line in normalize_text("".join(collector.parts)).split("\n") if any(c.isalnum() for c in line)]
