"""PostgreSQL: the rows of a new article's transaction after its own, sent in one round trip.

psycopg's pipeline mode sends every statement without waiting for the one before: the failure
clean-up, the entity and claim rows, the index lock, the near-duplicate look-up and the index
entries reach the server together, and only the look-up's rows are read back. SQLite (in-process,
no round trips) takes the same steps through SQLAlchemy Core in `storage.repository`.

Errors come back as SQLAlchemy's exception classes, so callers tell outages from bad data the same
way on both paths.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

import psycopg
from psycopg.types.json import Json
from sqlalchemy import JSON, Table
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from storage.duplicates import LSH_LOCK, MAX_CANDIDATES, IndexEntry, choose_original
from storage.models import Article, Failure, MinHashBucket, MinHashSignature

_LOOKUP = f"""
SELECT s.article_id, s.signature, a.duplicate_of
FROM (SELECT article_id, count(*) AS shared FROM {MinHashBucket.__tablename__}
      WHERE (band, bucket) IN (SELECT * FROM unnest(%(bands)s::smallint[], %(buckets)s::bigint[]))
        AND article_id <> %(article_id)s
      GROUP BY article_id ORDER BY shared DESC, article_id LIMIT {MAX_CANDIDATES}) AS nearest
JOIN {MinHashSignature.__tablename__} AS s ON s.article_id = nearest.article_id
JOIN {Article.__tablename__} AS a ON a.id = s.article_id
ORDER BY s.article_id
"""
_INDEX_SIGNATURE = f"INSERT INTO {MinHashSignature.__tablename__} (article_id, signature) VALUES (%s, %s)"
_INDEX_BUCKETS = (f"INSERT INTO {MinHashBucket.__tablename__} (band, bucket, article_id) "
                  "SELECT band, bucket, %s FROM unnest(%s::smallint[], %s::bigint[]) AS b(band, bucket)")
_DIALECT = postgresql.dialect()  # type: ignore[no-untyped-call]
_FORGET_FAILURE = f"DELETE FROM {Failure.__tablename__} WHERE content_hash = %s"


@contextmanager
def _as_sqlalchemy_errors(conn: psycopg.Connection[Any]) -> Iterator[None]:
    try:
        yield
    except psycopg.Error as err:
        raise DBAPIError.instance("(pipelined article rows)", None, err, psycopg.Error,
                                  connection_invalidated=conn.closed) from err


def _insert_sql(table: Table, names: Sequence[str]) -> str:
    """One statement for any number of rows: a column-wise array per column, unnested server-side."""
    arrays = ", ".join(f"%s::{table.c[n].type.compile(dialect=_DIALECT)}[]" for n in names)
    return f"INSERT INTO {table.name} ({', '.join(names)}) SELECT * FROM unnest({arrays})"


def _columns(table: Table, rows: Sequence[dict[str, Any]], names: Sequence[str]) -> list[list[Any]]:
    json_columns = {n for n in names if isinstance(table.c[n].type, JSON)}
    return [[Json(row[n]) if row[n] is not None else None for row in rows] if n in json_columns
            else [row[n] for row in rows] for n in names]


def write_article_rows(session: Session, article_id: int, content_hash: str,
                       children: Sequence[tuple[Table, Sequence[dict[str, Any]]]],
                       entry: IndexEntry | None) -> int | None:
    """Delete the article's recorded failure, insert its child rows, take the index lock, look up
    its near-duplicate original and index it; return that original's id (or None)."""
    conn = cast(psycopg.Connection[Any], session.connection().connection.dbapi_connection)
    candidates: list[tuple[Any, ...]] = []
    with _as_sqlalchemy_errors(conn), conn.cursor() as cursor, conn.cursor() as lookup:
        with conn.pipeline():  # sent together; the server's answers are read when the block ends
            cursor.execute(_FORGET_FAILURE, (content_hash,))
            for table, rows in children:
                if rows:
                    names = list(rows[0])
                    cursor.execute(_insert_sql(table, names), _columns(table, rows, names))
            if entry is not None:
                bands = [band for band, _ in entry.buckets]
                buckets = [bucket for _, bucket in entry.buckets]
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", (LSH_LOCK,))
                lookup.execute(_LOOKUP, {"bands": bands, "buckets": buckets, "article_id": article_id})
                cursor.execute(_INDEX_SIGNATURE, (article_id, entry.signature.to_bytes()))
                cursor.execute(_INDEX_BUCKETS, (article_id, bands, buckets))
        if entry is not None:
            candidates = lookup.fetchall()
    if entry is None:
        return None
    return choose_original(article_id, entry, [(int(a), bytes(s), d) for a, s, d in candidates])
