"""Servers a fault scenario owns and may break: Redis, a TCP proxy in front of PostgreSQL, a schema."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import redis
from sqlalchemy.engine import make_url

from storage.migrate import upgrade
from tests.services import create_schema, drop_schema, free_port, postgres_base_url, postgres_schema_url, unique_name
from worker.embedded import durable_server_args


class RedisServer:
    """A real redis-server on a TCP port, configured as the embedded broker (append-only file on), which a
    scenario may kill and restart."""

    def __init__(self, directory: Path, password: str | None = None) -> None:
        self.directory = directory
        self.port = free_port()
        self.password = password
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 15.0) -> RedisServer:
        self.directory.mkdir(parents=True, exist_ok=True)
        args = durable_server_args(self.directory, self.port)
        if self.password:
            args += ["--requirepass", self.password]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_timeout=2)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with contextlib.suppress(redis.RedisError, OSError):
                if client.ping():
                    return self
            time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start; see {self.directory / 'redis.log'}")

    def kill(self) -> None:
        """kill -9: no shutdown, no final flush."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(15)


class TcpProxy:
    """Forwards 127.0.0.1:port to a target; `cut()` drops every connection and refuses new ones."""

    def __init__(self, target_port: int, target_host: str = "127.0.0.1") -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._conns: set[socket.socket] = set()
        self._lock = threading.Lock()

    def start(self) -> TcpProxy:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # cut or stopped
            if listener is not self._listener:  # accepted in the instant of a cut: refuse it
                client.close()
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns.update((client, upstream))
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        for s in (source, sink):
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):  # wakes the thread blocked in accept()
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            conns, self._conns = self._conns, set()
        for s in conns:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def restore(self) -> None:
        self.start()

    def url_for(self, database_url: str) -> str:
        return make_url(database_url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)


@contextlib.contextmanager
def postgres_schema() -> Iterator[str]:
    """A migrated private schema on the PostgreSQL at DATABASE_URL (required), dropped afterwards."""
    base = postgres_base_url()
    if base is None:
        raise RuntimeError("the fault scenarios need DATABASE_URL=postgresql://...")
    schema = unique_name("nw_faults")
    create_schema(base, schema)
    url = postgres_schema_url(base, schema)
    try:
        upgrade(url)
        yield url
    finally:
        drop_schema(base, schema)


def pool_children(worker_pid: int) -> list[int]:
    """The prefork pool processes of a worker (direct children of its main process)."""
    try:
        raw = Path(f"/proc/{worker_pid}/task/{worker_pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in raw.split()]


def busy_and_older_than(pid: int, seconds: float) -> bool:
    """Running on a CPU (not loading: old enough to have the model) — a pool process at work."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, IndexError, ValueError):
        return False
    started = int(stat[19]) / os.sysconf("SC_CLK_TCK")
    return stat[0] == "R" and uptime - started > seconds
