"""Reading a crawler's output into article payloads: .txt, .html, .html.gz, .jsonl, .warc(.gz), folders, stdin."""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SUFFIXES = (".txt", ".html", ".htm", ".html.gz", ".htm.gz", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz")


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One article read from an input, or the reason it could not be read."""

    origin: str
    payload: dict[str, Any] | None
    error: str | None = None


def article_id(path: Path) -> str:
    """The file name without .txt, .html or .html.gz: the id the output record carries."""
    name = path.name
    for suffix in (".html.gz", ".htm.gz", ".txt", ".html", ".htm"):
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def expand(paths: Iterable[str]) -> Iterator[Path | None]:
    """Input files in order; folders recursively (sorted); `-` (stdin) is yielded as None."""
    for raw in paths:
        if raw == "-":
            yield None
            continue
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.name.endswith(SUFFIXES))
        else:
            yield path


def read_file(path: Path) -> Iterator[FeedItem]:
    name = path.name
    if name.endswith((".warc", ".warc.gz")):
        from tasks.warc import read_warc  # warcio is needed only for web archives

        yield from read_warc(path)
        return
    try:
        if name.endswith((".jsonl", ".jsonl.gz")):
            opener = gzip.open if name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8", errors="replace") as lines:
                yield from read_jsonl(lines, str(path))
            return
        data = path.read_bytes()
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        body = data.decode("utf-8", errors="replace")
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        yield FeedItem(str(path), None, f"cannot read {path}: {err}")
        return
    key = "html" if name.endswith((".html", ".htm", ".html.gz", ".htm.gz")) else "text"
    yield FeedItem(str(path), {"id": article_id(path), key: body, "source": str(path)})


def read_jsonl(lines: Iterable[str], origin: str) -> Iterator[FeedItem]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield FeedItem(where, None, f"{where}: not JSON ({err.msg})")
            continue
        yield FeedItem(where, record if isinstance(record, dict) else {"invalid": record})


def read_inputs(paths: Iterable[str]) -> Iterator[FeedItem]:
    """Every article in `paths`, in order; stdin is read as a JSONL feed."""
    for path in expand(paths):
        if path is None:
            yield from read_jsonl(sys.stdin, "<stdin>")
        elif not path.exists():
            yield FeedItem(str(path), None, f"no such file or folder: {path}")
        else:
            yield from read_file(path)
