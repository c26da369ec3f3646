"""Helpers for the operations tests: a private Redis database, WARC files, the `newsworker` CLI."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import redis
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.services import ROOT

OPS_REDIS_DB = 11  # the operations tests' own database on the test Redis: no other test's workers eat from it


def private_redis(url: str, db: int = OPS_REDIS_DB) -> str:
    """The same Redis server, another numbered database, emptied."""
    parts = urlsplit(url)
    private = urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))
    redis.Redis.from_url(private).flushdb()
    return private


def write_warc(path: Path, pages: dict[str, str], extras: bool = True) -> None:
    """A gzipped WARC with one HTML response per page, plus (extras) a request record, an image and a 404."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))

        def response(url: str, status: str, content_type: str, body: bytes) -> None:
            headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)

        for url, html in pages.items():
            if extras:
                request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "gazette.example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            response(url, "200 OK", "text/html; charset=utf-8", html.encode())
        if extras:
            response("https://gazette.example/logo.png", "200 OK", "image/png", b"\x89PNG....")
            response("https://gazette.example/gone", "404 Not Found", "text/html", b"<html>gone</html>")


def newsworker(
    *args: str, env: dict[str, str], timeout: float = 120, cwd: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "worker", *args],
        env={**os.environ, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
