"""One article's unit of work: its results stored in one transaction, the cheapest way the database allows."""

from __future__ import annotations

import logging

import psycopg
from sqlalchemy import Engine
from sqlalchemy.exc import ProgrammingError

from pipeline.models import ArticleResult
from storage.db import get_engine, session_scope
from storage.pipelined import store_new
from storage.repository import ArticleMeta, article_values, child_rows, index_entry, save_result

log = logging.getLogger(__name__)
_unmigrated: set[Engine] = set()  # databases without the function: they take the session path


def store(url: str, meta: ArticleMeta, result: ArticleResult) -> int:
    """Store `result` and return the article's id. On PostgreSQL a new article is one statement, its
    own transaction (`storage.pipelined`); an article stored before, and every article on SQLite, goes
    through `save_result` in one session transaction. Errors are SQLAlchemy's."""
    engine = get_engine(url)
    if engine.dialect.name == "postgresql" and engine not in _unmigrated:
        entities, claims = child_rows(result)
        try:
            stored = store_new(engine, article_values(meta, result), entities, claims, index_entry(result))
        except ProgrammingError as err:
            if not isinstance(err.orig, psycopg.errors.UndefinedFunction):
                raise
            _unmigrated.add(engine)  # nothing was written: the failed call was its own transaction
            log.warning(
                "the database lacks newsworker_store_new: run `newsworker migrate`; until then "
                "articles are stored the slower way"
            )
            stored = None
        if stored is not None:
            return stored[0]
    with session_scope(url) as session:
        return save_result(session, meta, result)
