"""PostgreSQL: a new article's transaction in two round trips (its row, then everything else) and its commit.

psycopg's pipeline mode sends every statement without waiting for the one before: the failure
clean-up, the entity and claim rows (each table's rows as one JSON parameter), the index lock, the
near-duplicate look-up and the index entries reach the server together, and only the look-up's rows
are read back. SQLite (in-process, no round trips) takes the same steps through SQLAlchemy Core in
`storage.repository`.

Errors come back as SQLAlchemy's exception classes, so callers tell outages from bad data the same
way on both paths.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

import psycopg
from psycopg.types.json import Json
from sqlalchemy import JSON, Table
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
_FORGET_FAILURE = f"DELETE FROM {Failure.__tablename__} WHERE content_hash = %s"


@contextmanager
def _as_sqlalchemy_errors(conn: psycopg.Connection[Any]) -> Iterator[None]:
    try:
        yield
    except psycopg.Error as err:
        raise DBAPIError.instance("(pipelined article rows)", None, err, psycopg.Error,
                                  connection_invalidated=conn.closed) from err


def _insert_sql(table: Table, names: Sequence[str]) -> str:
    """One statement for any number of rows: the rows travel as one JSON array (serialised by the C
    encoder of `json`), turned back into rows of the table's type server-side. Dumping a column-wise
    array per column instead goes through psycopg's per-element Python code: ≈ 2× slower here."""
    columns = ", ".join(names)
    return (f"INSERT INTO {table.name} ({columns}) "
            f"SELECT {columns} FROM json_populate_recordset(NULL::{table.name}, %s::json)")


def _dbapi(session: Session) -> psycopg.Connection[Any]:
    return cast(psycopg.Connection[Any], session.connection().connection.dbapi_connection)


def insert_article(session: Session, values: dict[str, Any]) -> int | None:
    """Insert a new article's row and return its id; None when its content hash is stored already.

    Sent in pipeline mode, so the transaction's BEGIN travels with the INSERT: one round trip."""
    conn = _dbapi(session)
    names = list(values)
    params = [Json(v) if isinstance(Article.__table__.c[n].type, JSON) else v for n, v in values.items()]
    sql = (f"INSERT INTO {Article.__tablename__} ({', '.join(names)}, created_at, updated_at) "
           f"VALUES ({', '.join(['%s'] * len(names))}, now(), now()) "
           "ON CONFLICT (content_hash) DO NOTHING RETURNING id")
    with _as_sqlalchemy_errors(conn), conn.pipeline(), conn.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()  # syncs the pipeline: BEGIN and the INSERT go out together
    return int(row[0]) if row is not None else None


def write_article_rows(session: Session, article_id: int, content_hash: str,
                       children: Sequence[tuple[Table, Sequence[dict[str, Any]]]],
                       entry: IndexEntry | None) -> int | None:
    """Delete the article's recorded failure, insert its child rows, take the index lock, look up
    its near-duplicate original and index it; return that original's id (or None)."""
    conn = _dbapi(session)
    candidates: list[tuple[Any, ...]] = []
    with _as_sqlalchemy_errors(conn), conn.cursor() as cursor, conn.cursor() as lookup:
        with conn.pipeline():  # sent together; the server's answers are read when the block ends
            cursor.execute(_FORGET_FAILURE, (content_hash,))
            for table, rows in children:
                if rows:
                    names = list(rows[0])
                    cursor.execute(_insert_sql(table, names), (json.dumps(rows, ensure_ascii=False),))
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
