"""With CACHE_URL every worker shares one Redis: pages, generation, rate limits, login throttling.

A worker is a gunicorn process with cache clients of its own. Here one is
either a separate Python process (which has no database at all) or a set of
cache clients with their own connection pools in the test's process.
"""

import datetime
import json
import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest
import redis
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import caches
from django.test import Client

from core import cache as shared_cache_module
from tests.factories import publish
from tests.redis_server import RedisServer, shared_caches

CACHE = "X-Page-Cache"
ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.usefixtures("shared_cache")


class Worker:
    """One worker's own cache clients, as a separate process has them."""

    def __init__(self):
        self.clients = {alias: caches.create_connection(alias) for alias in settings.CACHES}
        self.http = Client()

    @contextmanager
    def running(self):
        saved = {alias: caches[alias] for alias in self.clients}
        for alias, client in self.clients.items():
            caches[alias] = client
        AxesProxyHandler.get_implementation(force=True)
        try:
            yield self.http
        finally:
            for alias, client in saved.items():
                caches[alias] = client
            AxesProxyHandler.get_implementation(force=True)


# Another process, with the page cache on and a database it cannot open:
# it can answer only from Redis.
OTHER_PROCESS = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import Client
settings.PAGE_CACHE_SECONDS = 300
response = Client().get(sys.argv[1])
print(json.dumps({"status": response.status_code, "cache": response.get("X-Page-Cache"),
                  "content": response.content.decode()}))
"""


def visit_from_another_process(redis_url, url):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "CACHE_URL": redis_url,
        "DATABASE_URL": "sqlite:////nonexistent-folder/no.sqlite3",
    }
    finished = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", OTHER_PROCESS, url],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(finished.stdout.strip().splitlines()[-1])


def test_a_page_cached_by_one_worker_is_served_by_another_process(client, routine, shared_cache):
    """The page one process rendered is served by a process that has no database at all."""
    first = client.get(routine.url)
    assert first[CACHE] == "miss"
    other = visit_from_another_process(shared_cache, routine.url)
    assert other["status"] == 200
    assert other["cache"] == "hit"
    assert other["content"] == first.content.decode()


def test_a_hit_costs_no_database_query(client, routine, django_assert_num_queries):
    """The content generation is read from Redis with the page."""
    client.get(routine.url)
    with django_assert_num_queries(0):
        assert client.get(routine.url)[CACHE] == "hit"


def test_an_edit_invalidates_the_page_in_every_worker(routine, committed):
    """One worker publishes; the other's next visit renders the new title."""
    first, second = Worker(), Worker()
    with first.running() as http:
        http.get(routine.url)
        assert http.get(routine.url)[CACHE] == "hit"
    with second.running(), committed():
        publish(routine, title="Ny titel")
    with first.running() as http:
        response = http.get(routine.url)
        assert response[CACHE] == "miss"
        assert "Ny titel" in response.text


def test_rate_limits_count_across_workers(tree, settings):
    """Three searches a minute: the fourth is refused, whichever worker it reaches."""
    settings.SEARCH_RATE_LIMIT = (3, 60)
    workers = [Worker(), Worker()]
    answers = []
    for number in range(4):
        with workers[number % 2].running() as http:
            answers.append(http.get("/api/search/", {"q": "rutin"}).status_code)
    assert answers == [200, 200, 200, 429]


def test_login_throttling_counts_across_workers(tree, professional, settings):
    """Wrong passwords sent to different workers add up to the lockout, counted in Redis."""
    settings.AXES_FAILURE_LIMIT = 3
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
    workers = [Worker(), Worker(), Worker()]
    answers = []
    for worker in workers:
        with worker.running() as http:
            answers.append(
                http.post("/sv/login/", {"username": professional.username, "password": "fel"})
            )
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    with Worker().running() as http:
        right = {"username": professional.username, "password": "secret-pass-123"}
        assert http.post("/sv/login/", right).status_code == 429
    assert not AccessAttempt.objects.exists()


def test_a_cache_that_is_down_means_no_caching_and_no_errors(routine, professional, settings):
    """Pages render, search is not limited and logins work, each answered as without a cache."""
    server = RedisServer()  # never started: nothing listens on its port
    settings.CACHES = shared_caches(server.url)
    settings.SEARCH_RATE_LIMIT = (1, 60)
    AxesProxyHandler.get_implementation(force=True)
    visitor = Client()
    for _ in range(2):
        response = visitor.get(routine.url)
        assert response.status_code == 200
        assert response[CACHE] == "miss"
        assert "Öppen rutin" in response.text
    for _ in range(3):
        assert visitor.get("/api/search/", {"q": "rutin"}).status_code == 200
    wrong = visitor.post("/sv/login/", {"username": professional.username, "password": "fel"})
    assert wrong.status_code == 200
    right = {"username": professional.username, "password": "secret-pass-123"}
    assert visitor.post("/sv/login/", right).status_code == 302


def test_a_redis_that_stops_and_starts_again_is_used_again(routine, settings, monkeypatch):
    """While Redis is stopped pages are rendered; once it is back, they are cached again."""
    monkeypatch.setattr(shared_cache_module, "RETRY_SECONDS", 0)
    server = RedisServer()
    server.start()
    try:
        settings.CACHES = shared_caches(server.url)
        visitor = Client()
        visitor.get(routine.url)
        assert visitor.get(routine.url)[CACHE] == "hit"
        server.stop()
        for _ in range(2):
            response = visitor.get(routine.url)
            assert response.status_code == 200
            assert response[CACHE] == "miss"
        server.start()
        visitor.get(routine.url)
        assert visitor.get(routine.url)[CACHE] == "hit"
    finally:
        server.stop()


def test_an_edit_made_while_redis_refused_writes_is_not_hidden_afterwards(
    client, routine, committed, shared_cache, monkeypatch
):
    """A bump Redis did not take is made on the next visit, so the old page is not served."""
    monkeypatch.setattr(shared_cache_module, "RETRY_SECONDS", 0)
    client.get(routine.url)
    assert client.get(routine.url)[CACHE] == "hit"
    server = redis.Redis.from_url(shared_cache)
    server.execute_command("CLIENT", "PAUSE", 5000, "WRITE")
    try:
        with committed():
            publish(routine, title="Ny titel")
    finally:
        server.execute_command("CLIENT", "UNPAUSE")
    response = client.get(routine.url)
    assert response[CACHE] == "miss"
    assert "Ny titel" in response.text
