"""A slow engine: searches time out into the database, the breaker stops asking, then probes."""

import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from search import engine as engine_module
from search import service
from tests.search.conftest import SEARCH_URL
from tests.search.content import load

pytestmark = pytest.mark.engine

# Generous for a loaded CI machine: a healthy search (two engine requests)
# must fit in TIMEOUT, and answering the open-circuit searches from the
# database must not outlast COOLDOWN.
TIMEOUT = 1.5
DELAY = 10.0
COOLDOWN = 5.0


class SlowProxy:
    """Forwards to the real engine, holding back searches by ``delay`` seconds.

    The engine stays alive and correct; only its answers to searches come too
    late, as when a node is overloaded or in a long garbage collection.
    """

    def __init__(self, upstream):
        self.upstream = upstream.rstrip("/")
        self.delay = 0.0
        self.searches = 0
        self._released = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                proxy.forward(self)

            do_POST = do_PUT = do_DELETE = do_HEAD = do_GET

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def forward(self, handler):
        if "_search" in handler.path:
            self.searches += 1
            # Wait for the delay, or until the test ends and releases the held requests.
            self._released.wait(self.delay)
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else None
        request = urllib.request.Request(  # noqa: S310 - loopback test engine
            self.upstream + handler.path, data=body, method=handler.command
        )
        if body:
            content_type = handler.headers.get("Content-Type", "application/json")
            request.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                status, headers, payload = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            status, headers, payload = error.code, error.headers, error.read()
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", headers.get("Content-Type", "application/json"))
            handler.send_header("Content-Length", str(len(payload)))
            handler.end_headers()
            if handler.command != "HEAD":
                handler.wfile.write(payload)
        except OSError:
            pass  # the portal gave up waiting and closed the connection

    def close(self):
        self._released.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def slow_engine(search_engine, committed, tmp_path, settings):
    """The indexed test corpus behind a proxy that the portal waits TIMEOUT seconds for."""
    with committed():
        load(tmp_path)
    proxy = SlowProxy(SEARCH_URL)
    settings.SEARCH_URL = proxy.url
    settings.SEARCH_TIMEOUT = TIMEOUT
    engine_module.reset_engine()
    breaker = service.breaker
    saved = (breaker.threshold, breaker.cooldown)
    breaker.success()
    yield proxy
    proxy.close()
    breaker.threshold, breaker.cooldown = saved
    breaker.success()
    engine_module.reset_engine()


def test_a_search_slower_than_the_timeout_is_answered_from_the_database(client, slow_engine):
    """The visitor gets results from the database and a notice, not an error or a wait."""
    slow_engine.delay = DELAY
    answer = client.get("/api/search/", {"q": "tolk", "lang": "sv"}).json()
    assert slow_engine.searches == 1
    assert answer["engine"] == "database"
    assert "tolk-vid-forhor" in [r["key"] for r in answer["results"]]

    page = client.get("/sv/search/", {"q": "tolk"})
    assert page.status_code == 200
    assert "Tolk vid förhör" in page.text
    assert '<p class="notice" role="status">' in page.text


def test_the_breaker_stops_asking_a_slow_engine_and_probes_it_later(client, slow_engine):
    """After three timeouts the engine is left alone; after the cooldown one probe tries it."""
    service.breaker.cooldown = COOLDOWN
    slow_engine.delay = DELAY
    for _ in range(3):
        assert client.get("/api/search/", {"q": "tolk"}).json()["engine"] == "database"
    assert slow_engine.searches == 3

    for _ in range(5):
        assert client.get("/api/search/", {"q": "skyddat boende"}).json()["engine"] == "database"
    assert slow_engine.searches == 3, "the open circuit must not send searches to the engine"

    time.sleep(COOLDOWN + 0.1)
    slow_engine.delay = 0.0
    answer = client.get("/api/search/", {"q": "tolk"}).json()
    assert slow_engine.searches > 3
    assert answer["engine"] == "opensearch"
    assert "tolk-vid-forhor" in [r["key"] for r in answer["results"]]


def test_a_failed_probe_opens_the_circuit_again_at_once(client, slow_engine):
    """While the engine stays slow, each cooldown costs one probe, not three more timeouts."""
    service.breaker.cooldown = COOLDOWN
    slow_engine.delay = DELAY
    for _ in range(3):
        client.get("/api/search/", {"q": "tolk"})
    time.sleep(COOLDOWN + 0.1)
    for _ in range(4):
        assert client.get("/api/search/", {"q": "tolk"}).json()["engine"] == "database"
    assert slow_engine.searches == 4


def test_autocomplete_falls_back_when_the_engine_is_slow(client, slow_engine):
    """Titles still come while typing, from the database."""
    slow_engine.delay = DELAY
    answer = client.get("/api/search/autocomplete/", {"q": "tolk", "lang": "sv"}).json()
    assert answer["engine"] == "database"
    assert any("Tolk" in result["title"] for result in answer["results"])
