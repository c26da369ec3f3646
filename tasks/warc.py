"""Reading web archives (WARC, WARC.gz): every successful HTML response becomes one article payload."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from tasks.feeds import FeedItem

WARC_SUFFIXES = (".warc", ".warc.gz")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return "utf-8"


def _decode(body: bytes, content_type: str) -> str:
    try:
        return body.decode(_charset(content_type), errors="replace")
    except LookupError:  # an unknown charset name: UTF-8 is what most pages are
        return body.decode("utf-8", errors="replace")


def _is_html_page(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return status.startswith("2") and content_type.startswith(_HTML_TYPES)


def _payload(record: Any, path: Path) -> dict[str, Any]:
    headers = record.rec_headers
    body = record.content_stream().read()
    payload: dict[str, Any] = {
        "url": headers.get_header("WARC-Target-URI"),
        "html": _decode(body, record.http_headers.get_header("Content-Type") or ""),
        "source": str(path),
    }
    record_id = headers.get_header("WARC-Record-ID")
    if record_id:
        payload["id"] = record_id.strip("<>")
    return payload


def read_warc(path: Path) -> Iterator[FeedItem]:
    """One item per HTML response (2xx) of a WARC or WARC.gz; requests, metadata and other types are skipped."""
    records = 0
    try:
        with path.open("rb") as stream:
            for record in ArchiveIterator(stream):
                records += record.format == "warc"  # warcio reads plain text as an (empty) ARC file
                if _is_html_page(record):
                    records += 1
                    origin = f"{path}#{record.rec_headers.get_header('WARC-Target-URI')}"
                    yield FeedItem(origin, _payload(record, path))
    except (OSError, EOFError, ArchiveLoadFailed) as err:
        yield FeedItem(str(path), None, f"cannot read WARC {path}: {err}")
        return
    except Exception as err:  # warcio trips over malformed headers in many ways: one bad file, not a crash
        yield FeedItem(str(path), None, f"cannot read WARC {path}: malformed record {records + 1} ({err!r})")
        return
    if records == 0:
        yield FeedItem(str(path), None, f"cannot read WARC {path}: not a web archive (no WARC record in it)")
