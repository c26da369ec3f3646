"""Many rows into one table inside the caller's transaction: `COPY` on PostgreSQL, executemany elsewhere.

psycopg's executemany sends one INSERT per row (pipelined); COPY streams all of them as one
statement, which is what an article's ~100 entity, claim and index rows want.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

import psycopg
from psycopg.types.json import Json
from sqlalchemy import JSON, Table, insert
from sqlalchemy.orm import Session


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert `rows` (dicts with the same keys) into `table`; nothing is committed."""
    if not rows:
        return
    if session.get_bind().dialect.name != "postgresql":
        session.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    json_columns = {name for name in names if isinstance(table.c[name].type, JSON)}
    dbapi = cast(psycopg.Connection[Any], session.connection().connection.dbapi_connection)
    quoted = ", ".join(f'"{name}"' for name in names)
    with dbapi.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({quoted}) FROM STDIN') as copy:
        for row in rows:
            copy.write_row([Json(row[n]) if n in json_columns and row[n] is not None else row[n] for n in names])
