"""PostgreSQL: a new article stored in one round trip.

One call of `newsworker_store_new` (migration 0003) in autocommit mode is the article's whole
transaction: it takes the near-duplicate index lock, looks up the article's original, inserts the
article's row, drops its recorded failure, inserts its entity and claim rows (each table's rows as one
JSON parameter) and its index entries, and commits. The function's statements are planned once per
connection. The four round trips it replaces (BEGIN, the row, everything else, COMMIT) took 21.0 ms
against its 16.0 ms (medians, 60 articles × 3, on a 2-core VM busy with two other processes; each
round trip is a wait for the scheduler there).

An article whose content hash is stored already is left to `storage.repository.save_result`, in a
session transaction of its own. SQLite (in-process, no round trips) always goes that way.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine

from pipeline.dedup import DUPLICATE_THRESHOLD, PERMUTATIONS
from storage.duplicates import LSH_LOCK, MAX_CANDIDATES, IndexEntry

# The fewest equal MinHash values that make two signatures near-duplicates: the same test as
# `similarity_to_stored(...) >= DUPLICATE_THRESHOLD`, in integers for the database.
MIN_EQUAL_VALUES = next(n for n in range(PERMUTATIONS + 1) if n / PERMUTATIONS >= DUPLICATE_THRESHOLD)
_CALL = (
    "SELECT stored_id, original_id FROM newsworker_store_new("
    "%s::json, %s::json, %s::json, %s, %s::smallint[], %s::bigint[], %s, %s, %s)"
)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)  # the C encoder; psycopg's per-value adaptation is ≈ 2× slower


def store_new(
    engine: Engine,
    values: dict[str, Any],
    entities: Sequence[dict[str, Any]],
    claims: Sequence[dict[str, Any]],
    entry: IndexEntry | None,
) -> tuple[int, int | None] | None:
    """Store a new article (its row's `values`, child rows without `article_id`) as one transaction;
    return (its id, the id of the article it copies or None), or None when its content hash is stored
    already (then nothing was written). Errors are SQLAlchemy's, as on every other path."""
    index: tuple[bytes | None, list[int] | None, list[int] | None] = (None, None, None)
    if entry is not None:
        index = (
            entry.signature.to_bytes(),
            [band for band, _ in entry.buckets],
            [bucket for _, bucket in entry.buckets],
        )
    params = (_json(values), _json(entities), _json(claims), *index, LSH_LOCK, MAX_CANDIDATES, MIN_EQUAL_VALUES)
    with engine.connect() as connection:
        autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
        row = autocommit.exec_driver_sql(_CALL, params).one()
    stored_id: int | None = row[0]
    original_id: int | None = row[1]
    return None if stored_id is None else (stored_id, original_id)
