"""PostgreSQL: a new article's transaction in a fixed number of statements, whatever its size.

1. the article's row, taking the index lock in the same statement (after psycopg's BEGIN);
2. one statement for everything else: the failure clean-up, the entity and claim rows (each table's
   rows as one JSON parameter), the index entries, and the near-duplicate look-up, whose rows come
   back (data-modifying CTEs; the look-up's snapshot is taken after the lock, so it sees every
   article committed before this one);
3. COMMIT.

psycopg's pipeline mode was tried for 1 and saved the BEGIN round trip, but cost more client CPU.

SQLite (in-process, no round trips) takes the same steps through SQLAlchemy Core in
`storage.repository`. Errors come back as SQLAlchemy's exception classes, so callers tell outages
from bad data the same way on both paths.
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
_INDEX = {
    "signature": f"INSERT INTO {MinHashSignature.__tablename__} (article_id, signature) "
                 "VALUES (%(article_id)s, %(signature)s)",
    "buckets": f"INSERT INTO {MinHashBucket.__tablename__} (band, bucket, article_id) "
               "SELECT band, bucket, %(article_id)s FROM unnest(%(bands)s::smallint[], %(buckets)s::bigint[]) "
               "AS b(band, bucket)",
}
_FORGET_FAILURE = f"DELETE FROM {Failure.__tablename__} WHERE content_hash = %(content_hash)s"


@contextmanager
def _as_sqlalchemy_errors(conn: psycopg.Connection[Any]) -> Iterator[None]:
    try:
        yield
    except psycopg.Error as err:
        raise DBAPIError.instance("(pipelined article rows)", None, err, psycopg.Error,
                                  connection_invalidated=conn.closed) from err


def _insert_rows(table: Table, names: Sequence[str]) -> str:
    """One statement for any number of rows: the rows travel as one JSON array (serialised by the C
    encoder of `json`), turned back into rows of the table's type server-side. Dumping a column-wise
    array per column instead goes through psycopg's per-element Python code: ≈ 2× slower here."""
    columns = ", ".join(names)
    return (f"INSERT INTO {table.name} ({columns}) "
            f"SELECT {columns} FROM json_populate_recordset(NULL::{table.name}, %({table.name})s::json)")


def _dbapi(session: Session) -> psycopg.Connection[Any]:
    return cast(psycopg.Connection[Any], session.connection().connection.dbapi_connection)


def insert_article(session: Session, values: dict[str, Any], lock_index: bool) -> int | None:
    """Insert a new article's row and return its id; None when its content hash is stored already.

    With `lock_index`, the same statement takes the transaction's lock on the near-duplicate index
    (held to the commit: articles are indexed one at a time, each seeing those before it)."""
    names = list(values)
    params = [Json(v) if isinstance(Article.__table__.c[n].type, JSON) else v for n, v in values.items()]
    locked = " FROM (SELECT pg_advisory_xact_lock(%s)) AS locked" if lock_index else ""
    sql = (f"INSERT INTO {Article.__tablename__} ({', '.join(names)}, created_at, updated_at) "
           f"SELECT {', '.join(['%s'] * len(names))}, now(), now(){locked} "
           "ON CONFLICT (content_hash) DO NOTHING RETURNING id")
    conn = _dbapi(session)
    with _as_sqlalchemy_errors(conn), conn.cursor() as cursor:
        row = cursor.execute(sql, [*params, LSH_LOCK] if lock_index else params).fetchone()
    return int(row[0]) if row is not None else None


def write_article_rows(session: Session, article_id: int, content_hash: str,
                       children: Sequence[tuple[Table, Sequence[dict[str, Any]]]],
                       entry: IndexEntry | None) -> int | None:
    """Delete the article's recorded failure, insert its child rows, index it and look up its
    near-duplicate original, in one statement; return that original's id (or None).

    The caller holds the index lock when `entry` is given (`insert_article(..., lock_index=True)`)."""
    parts = {"forget": _FORGET_FAILURE}
    params: dict[str, Any] = {"content_hash": content_hash, "article_id": article_id}
    for table, rows in children:
        if rows:
            parts[table.name] = _insert_rows(table, list(rows[0]))
            params[table.name] = json.dumps(rows, ensure_ascii=False)
    lookup = "SELECT NULL, NULL, NULL WHERE false"
    if entry is not None:
        parts.update(_INDEX)
        params.update(signature=entry.signature.to_bytes(), bands=[band for band, _ in entry.buckets],
                      buckets=[bucket for _, bucket in entry.buckets])
        lookup = _LOOKUP
    sql = "WITH " + ", ".join(f"write_{name} AS ({part})" for name, part in parts.items()) + " " + lookup
    conn = _dbapi(session)
    with _as_sqlalchemy_errors(conn), conn.cursor() as cursor:
        candidates = cursor.execute(sql, params).fetchall()
    if entry is None:
        return None
    return choose_original(article_id, entry, [(int(a), bytes(s), d) for a, s, d in candidates])
