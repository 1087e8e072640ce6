"""A real Redis for the shared-cache tests: ``TEST_REDIS_URL``, or a redis-server of the tests' own.

Without Redis the tests skip, and under CI=true they fail (`.ci/run` starts
one with `make redis`).
"""

import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest
import redis

from tests.components import unavailable

START_SECONDS = 10


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url):
    try:
        return redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        return False


class RedisServer:
    """A redis-server process on a free loopback port, without persistence."""

    def __init__(self):
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.folder = tempfile.mkdtemp(prefix="eportal-test-redis-")
        self.process = None

    def start(self):
        self.process = subprocess.Popen(  # noqa: S603 - the Debian binary, fixed arguments
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.folder,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_SECONDS
        while not _answers(self.url):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture(scope="session")
def redis_url():
    """The URL of a Redis that answers; started for the session unless TEST_REDIS_URL names one."""
    url = os.environ.get("TEST_REDIS_URL")
    if url:
        if not _answers(url):
            unavailable(f"no Redis at TEST_REDIS_URL={url} (start one with `make redis`)")
        yield url
        return
    if shutil.which("redis-server") is None:
        unavailable("redis-server is not installed (apt-get install redis-server)")
    server = RedisServer()
    server.start()
    yield server.url
    server.stop()
    shutil.rmtree(server.folder, ignore_errors=True)


def shared_caches(url, page_seconds=300):
    """The CACHES setting that CACHE_URL=url gives (portal/settings/base.py)."""

    def cache(prefix, **params):
        backend = "core.cache.SharedRedisCache"
        return {"BACKEND": backend, "LOCATION": url, "KEY_PREFIX": prefix, **params}

    return {
        "default": cache("portal"),
        "ratelimit": cache("rate"),
        "pages": cache("pages", TIMEOUT=page_seconds),
    }
