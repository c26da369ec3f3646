"""Engines and the one unit of work per task. Engines are per process, so they are safe across fork."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Dialect, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import Session, sessionmaker

_engines: dict[tuple[int, str], Engine] = {}
_session_factories: dict[Engine, sessionmaker[Session]] = {}
_CHECKED_IN = "newsworker_checked_in"
IDLE_PING_SECONDS = 2.0


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _note_checkin(_dbapi_connection: Any, record: Any) -> None:
    record.info[_CHECKED_IN] = time.monotonic()


def _idle_ping(dialect: Dialect) -> Callable[[Any, Any, Any], None]:
    """A checkout hook that pings a pooled connection only when it sat idle: a connection in steady
    use proves itself with every task, and a ping on each checkout is a round trip per article. A dead
    one is replaced (DisconnectionError makes the pool connect afresh); a connection that dies mid-task
    raises an outage that the task retries."""

    def ping_if_idle(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        checked_in = record.info.get(_CHECKED_IN)
        if checked_in is None or time.monotonic() - checked_in < IDLE_PING_SECONDS:
            return
        try:
            alive = dialect.do_ping(dbapi_connection)
        except Exception as err:
            raise DisconnectionError(f"pooled connection is dead: {err}") from err
        if not alive:
            raise DisconnectionError("pooled connection is dead")

    return ping_if_idle


def normalise_url(url: str) -> str:
    """Let users write postgresql:// and still get the psycopg 3 driver this project installs."""
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


def get_engine(url: str) -> Engine:
    """The engine for `url` in this process; a forked child never reuses its parent's connections."""
    key = (os.getpid(), url)
    engine = _engines.get(key)
    if engine is None:
        real_url = normalise_url(url)
        if real_url.startswith("sqlite"):
            engine = create_engine(real_url, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(real_url, pool_size=2, max_overflow=2)
            event.listen(engine, "checkin", _note_checkin)
            event.listen(engine, "checkout", _idle_ping(engine.dialect))
        _engines[key] = engine
    return engine


def forget_inherited_engines() -> None:
    """Call in a freshly forked child: drop the parent's pools without closing its sockets."""
    for (pid, _url), engine in list(_engines.items()):
        if pid != os.getpid():
            engine.dispose(close=False)
            del _engines[(pid, _url)]
            _session_factories.pop(engine, None)


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error. The only place that commits."""
    engine = get_engine(url)
    factory = _session_factories.get(engine)
    if factory is None:  # made once per engine: building a sessionmaker costs more than the session
        factory = _session_factories[engine] = sessionmaker(bind=engine, expire_on_commit=False)
    with factory() as session, session.begin():
        yield session
