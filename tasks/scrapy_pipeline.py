"""A Scrapy item pipeline that sends every scraped page to the workers by task name.

Enable it in a Scrapy project's settings (needs `pip install 'newsworker[scrapy]'`):

    ITEM_PIPELINES = {"tasks.scrapy_pipeline.NewsworkerPipeline": 800}
    NEWSWORKER_BROKER_URL = "redis://localhost:6379/0"   # default: $BROKER_URL, else localhost

An item needs `html` (or `text`); `url`, `title`, `id`, `published`, `source` are passed on when present,
every other field is ignored. Invalid items are dropped with the contract's message.
"""

from __future__ import annotations

import os
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from tasks.contract import DEFAULT_MAX_ARTICLE_BYTES, ArticlePayload
from tasks.errors import InvalidArticle
from tasks.producer import Producer
from tasks.seen import DEFAULT_DEDUP_TTL

FIELDS = tuple(ArticlePayload.model_fields)
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/0"


def item_payload(item: Any) -> dict[str, Any]:
    """The contract's fields of a Scrapy item (dict, Item, dataclass or attrs object)."""
    adapter = ItemAdapter(item)
    return {name: adapter[name] for name in FIELDS if name in adapter and adapter[name] is not None}


class NewsworkerPipeline:
    """Settings: NEWSWORKER_BROKER_URL, NEWSWORKER_SKIP_DUPLICATES (True), NEWSWORKER_DEDUP_TTL (seconds),
    NEWSWORKER_MAX_ARTICLE_BYTES. Stats: newsworker/enqueued, newsworker/duplicates, newsworker/rejected."""

    def __init__(
        self,
        broker_url: str,
        *,
        skip_duplicates: bool = True,
        dedup_ttl: int = DEFAULT_DEDUP_TTL,
        max_bytes: int = DEFAULT_MAX_ARTICLE_BYTES,
        stats: Any = None,
    ) -> None:
        self.broker_url = broker_url
        self.skip_duplicates = skip_duplicates
        self.dedup_ttl = dedup_ttl
        self.max_bytes = max_bytes
        self.stats = stats
        self.producer: Producer | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> NewsworkerPipeline:
        settings = crawler.settings
        broker = settings.get("NEWSWORKER_BROKER_URL") or os.environ.get("BROKER_URL") or DEFAULT_BROKER_URL
        return cls(
            broker,
            skip_duplicates=settings.getbool("NEWSWORKER_SKIP_DUPLICATES", True),
            dedup_ttl=settings.getint("NEWSWORKER_DEDUP_TTL", DEFAULT_DEDUP_TTL),
            max_bytes=settings.getint("NEWSWORKER_MAX_ARTICLE_BYTES", DEFAULT_MAX_ARTICLE_BYTES),
            stats=crawler.stats,
        )

    def open_spider(self, spider: Any = None) -> None:
        self.producer = Producer(
            self.broker_url, self.max_bytes, skip_duplicates=self.skip_duplicates, dedup_ttl=self.dedup_ttl
        )

    def close_spider(self, spider: Any = None) -> None:
        if self.producer is not None:
            self.producer.close()
            self.producer = None

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if self.producer is None:
            self.open_spider(spider)
        assert self.producer is not None
        try:
            sent = self.producer.enqueue(item_payload(item))
        except InvalidArticle as err:
            self._count("rejected")
            raise DropItem(f"newsworker refused the item: {err}") from err
        self._count("duplicates" if sent.duplicate else "enqueued")
        return item

    def _count(self, what: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(f"newsworker/{what}")
