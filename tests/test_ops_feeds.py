"""Feeds in: web archives, a real Scrapy crawl of a local site, duplicates skipped at the producer."""

from __future__ import annotations

import base64
import functools
import json
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import redis

from tasks.contract import QUEUE, TaskNames
from tasks.feeds import read_inputs
from tasks.producer import Producer
from tests.ops_articles import news_page
from tests.ops_services import private_redis, write_warc
from tests.services import ROOT


@pytest.fixture
def ops_broker(redis_url: str) -> str:
    return private_redis(redis_url)


def queued_payloads(broker: str) -> list[dict[str, Any]]:
    """The article payloads waiting in the queue, decoded from Celery's message envelope."""
    messages = [json.loads(raw) for raw in redis.Redis.from_url(broker).lrange(QUEUE, 0, -1)]
    assert all(m["headers"]["task"] == TaskNames.PROCESS for m in messages)
    return [json.loads(base64.b64decode(m["body"]))[0][0] for m in messages]


def test_warc_yields_one_payload_per_html_response_and_skips_the_rest(tmp_path: Path) -> None:
    pages = {f"https://gazette.example/news/{n}": news_page(n) for n in range(3)}
    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, pages)  # plus a request record, an image and a 404 page

    items = list(read_inputs([str(tmp_path)]))

    assert [i.error for i in items] == [None, None, None]
    assert [i.payload["url"] for i in items if i.payload] == list(pages)
    first = items[0].payload or {}
    assert first["html"] == pages["https://gazette.example/news/0"]
    assert first["source"] == str(archive) and first["id"].startswith("urn:uuid:")


def test_a_file_that_is_not_a_warc_is_reported_not_raised(tmp_path: Path) -> None:
    archive = tmp_path / "notes.warc"
    archive.write_text("these are notes, not a web archive\n")

    items = list(read_inputs([str(archive)]))

    assert len(items) == 1 and items[0].payload is None
    assert "cannot read WARC" in (items[0].error or "")
    archive.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\n")  # a record cut short
    assert "cannot read WARC" in (list(read_inputs([str(archive)]))[-1].error or "")


def test_producer_skips_a_url_or_body_sent_before_unless_told_not_to(ops_broker: str) -> None:
    first = {"url": "https://gazette.example/a", "text": "The bridge opened on Monday."}
    with Producer(ops_broker, skip_duplicates=True) as producer:
        sent = [
            producer.enqueue(first),
            producer.enqueue(first),
            producer.enqueue({**first, "text": "The bridge opened on Monday, a day late."}),  # same URL
            producer.enqueue({**first, "url": "https://mirror.example/a"}),  # same body
            producer.enqueue({"url": "https://gazette.example/b", "text": "The ferry stopped."}),
        ]
    assert [s.duplicate for s in sent] == [False, True, True, True, False]
    assert [p["url"] for p in queued_payloads(ops_broker)] == ["https://gazette.example/b", first["url"]]

    with Producer(ops_broker) as producer:  # the Python API sends everything unless asked
        assert not producer.enqueue(first).duplicate
    assert len(queued_payloads(ops_broker)) == 3


SPIDER = textwrap.dedent("""
    import sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    class Gazette(scrapy.Spider):
        name = "gazette"
        start_urls = [sys.argv[1]]

        def parse(self, response):
            if response.url.endswith("/news/"):
                yield from response.follow_all(css="a.story", callback=self.parse)
                return
            yield {"url": response.url, "title": response.css("title::text").get(), "html": response.text,
                   "crawled_by": "gazette-spider"}

    process = CrawlerProcess({
        "ITEM_PIPELINES": {"tasks.scrapy_pipeline.NewsworkerPipeline": 800},
        "NEWSWORKER_BROKER_URL": sys.argv[2],
        "ROBOTSTXT_OBEY": False, "TELNETCONSOLE_ENABLED": False, "LOG_LEVEL": "INFO",
        "DUPEFILTER_CLASS": "scrapy.dupefilters.BaseDupeFilter",  # let newsworker's own filter see repeats
    })
    process.crawl(Gazette)
    process.start()
""")


@pytest.fixture
def gazette_site(tmp_path: Path) -> Iterator[str]:
    """Six story pages and an index linking to each (one of them twice), served on localhost."""
    site = tmp_path / "site" / "news"
    site.mkdir(parents=True)
    links = [f"story-{n}.html" for n in range(6)] + ["story-0.html"]
    (site / "index.html").write_text(
        "<html><body>" + "".join(f'<a class="story" href="{link}">story</a>' for link in links) + "</body></html>"
    )
    for n in range(6):
        (site / f"story-{n}.html").write_text(news_page(n + 40))
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path / "site"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/news/"
    server.shutdown()
    server.server_close()


@pytest.mark.slow
def test_scrapy_crawl_of_a_local_site_enqueues_each_page_once(
    gazette_site: str, ops_broker: str, tmp_path: Path
) -> None:
    spider = tmp_path / "gazette_spider.py"
    spider.write_text(SPIDER)

    def crawl() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(spider), gazette_site, ops_broker],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )

    run = crawl()
    assert run.returncode == 0, run.stderr[-3000:]
    payloads = queued_payloads(ops_broker)
    assert sorted(p["url"] for p in payloads) == [f"{gazette_site}story-{n}.html" for n in range(6)]
    assert all(p["html"].startswith("<!doctype html>") and "crawled_by" not in p for p in payloads)
    assert "'newsworker/enqueued': 6" in run.stderr and "'newsworker/duplicates': 1" in run.stderr

    again = crawl()  # the same site crawled again: nothing new to send
    assert again.returncode == 0, again.stderr[-3000:]
    assert len(queued_payloads(ops_broker)) == 6
    assert "'newsworker/duplicates': 7" in again.stderr and "newsworker/enqueued" not in again.stderr
