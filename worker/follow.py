"""`newsworker follow`: tail the change-event stream and print one JSON object per event."""

from __future__ import annotations

import json
import time
from typing import Any, TextIO

import redis

from worker.events import STREAM, client, read_events

_BLOCK_MS = 1000


def latest_id(connection: redis.Redis) -> str:
    """The id of the newest event, so that following from "now" misses nothing that comes next."""
    newest: Any = connection.xrevrange(STREAM, count=1)
    if not newest:
        return "0-0"
    event_id = newest[0][0]
    return event_id.decode() if isinstance(event_id, bytes) else str(event_id)


def follow(
    broker_url: str, after: str | None, out: TextIO, max_events: int | None = None, idle_timeout: float | None = None
) -> str:
    """Print events after id `after` (None: only new ones) until `max_events` were printed or none came
    for `idle_timeout` seconds (None: forever). Returns the last event id, to resume from."""
    connection = client(broker_url)
    last = after if after is not None else latest_id(connection)
    printed = 0
    quiet_since = time.monotonic()
    try:
        while max_events is None or printed < max_events:
            if idle_timeout is not None and time.monotonic() - quiet_since > idle_timeout:
                break
            for event in read_events(connection, last, _BLOCK_MS, count=100):
                out.write(json.dumps(event) + "\n")
                last = event["event_id"]
                printed += 1
                quiet_since = time.monotonic()
                if max_events is not None and printed >= max_events:
                    break
            out.flush()
    except KeyboardInterrupt:  # Ctrl-C ends a follow normally: the caller still reports where to resume
        out.flush()
    return last
