"""Alembic environment: runs against the connection handed in by `storage.migrate`, or the URL option."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from storage.db import get_engine
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with get_engine(config.get_main_option("sqlalchemy.url") or "").connect() as fresh:
        _run(fresh)


run_migrations_online()
