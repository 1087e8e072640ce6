"""The one door to the search engine: Elasticsearch 8, OpenSearch 2 or 3.

Mappings and queries are built with elasticsearch-dsl and sent as plain
bodies. elasticsearch-py refuses servers that are not Elasticsearch, so the
product and version are detected from ``GET /`` and the matching client is
used. ``SEARCH_URL`` may name several nodes of one cluster, comma-separated:
the client spreads requests over them and retries another node when one fails.
"""

import json
import logging
import threading
import urllib.error
import urllib.request
from functools import cached_property
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings

logger = logging.getLogger(__name__)

OPENSEARCH, ELASTICSEARCH = "opensearch", "elasticsearch"
# The majors this adapter is tested against (docs/SEARCH.md).
SUPPORTED = {OPENSEARCH: (2, 3), ELASTICSEARCH: (8,)}
# A node that answers these is overloaded or going away: ask another.
RETRY_STATUSES = (502, 503, 504)


class EngineError(Exception):
    """The engine could not be reached or refused a request."""


class EngineRejected(EngineError):
    """The engine answered, but refused this request (a 4xx): it is alive."""


def _wrap(action, exc):
    status = getattr(exc, "status_code", None) or getattr(exc, "status", None)
    if isinstance(status, int) and 400 <= status < 500:
        return EngineRejected(f"{action} refused: {exc}")
    return EngineError(f"{action} failed: {exc}")


def node_urls(url):
    """The node URLs in ``SEARCH_URL``: one, or several separated by commas."""
    urls = [part.strip() for part in url.split(",")]
    if not all(urls):
        raise EngineError(f"SEARCH_URL has an empty entry: {url!r}")
    for node in urls:
        parts = urlsplit(node)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise EngineError(f"SEARCH_URL entry {node!r} is not an http(s) URL")
    return urls


def detect_product(url, timeout):
    """``(product, version)`` from the first node in ``url`` that answers ``GET /``."""
    errors = []
    for node in node_urls(url):
        try:
            return _detect_one(node, timeout)
        except EngineError as exc:
            errors.append(str(exc))
    raise EngineError("; ".join(errors))


def _detect_one(url, timeout):
    parts = urlsplit(url)
    headers = {"Accept": "application/json"}
    if parts.username:
        import base64

        token = base64.b64encode(f"{parts.username}:{parts.password or ''}".encode()).decode()
        headers["Authorization"] = f"Basic {token}"
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    clean = urlunsplit((parts.scheme, netloc, parts.path or "/", "", ""))
    request = urllib.request.Request(clean, headers=headers)  # noqa: S310 - configured URL
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            info = json.load(response)
            elastic_header = response.headers.get("X-Elastic-Product")
    except (OSError, ValueError) as exc:
        raise EngineError(f"no search engine answers at {clean}: {exc}") from exc
    version = info.get("version", {})
    if version.get("distribution") == "opensearch":
        return OPENSEARCH, version.get("number", "")
    if elastic_header == "Elasticsearch" or "build_flavor" in version:
        return ELASTICSEARCH, version.get("number", "")
    raise EngineError(f"{clean} is neither Elasticsearch nor OpenSearch")


ADMIN_TIMEOUT = 60  # seconds, for bulk writes and index management


class Engine:
    """A thin adapter: the same calls whichever product answers."""

    def __init__(self, url, timeout):
        self.url = url
        self.nodes = node_urls(url)
        self.timeout = timeout
        self.product, self.version = detect_product(url, timeout)
        if self.major not in SUPPORTED[self.product]:
            logger.warning("%s is not a version this portal is tested with", self.label)

    @property
    def major(self):
        """The major version, e.g. 3 for OpenSearch 3.9.0 (0 when unknown)."""
        head = self.version.split(".", 1)[0]
        return int(head) if head.isdigit() else 0

    @property
    def label(self):
        return f"{'OpenSearch' if self.product == OPENSEARCH else 'Elasticsearch'} {self.version}"

    @cached_property
    def client(self):
        # A failed node is set aside and the request goes to the next one; a
        # timeout is not retried, so a visitor waits SEARCH_TIMEOUT at most.
        retries = len(self.nodes) - 1
        if self.product == OPENSEARCH:
            from opensearchpy import OpenSearch

            return OpenSearch(
                self.nodes,
                timeout=self.timeout,
                max_retries=retries,
                retry_on_timeout=False,
                retry_on_status=RETRY_STATUSES,
            )
        from elasticsearch import Elasticsearch

        return Elasticsearch(
            self.nodes,
            request_timeout=self.timeout,
            max_retries=retries,
            retry_on_status=RETRY_STATUSES,
        )

    def _call(self, method, *args, **kwargs):
        try:
            return getattr(self.client, method)(*args, **kwargs)
        except Exception as exc:  # both clients' transport and API errors
            raise _wrap(method, exc) from exc

    def _indices(self, method, **kwargs):
        # Index management is rare and may wait on a busy cluster: not held to
        # the visitor's SEARCH_TIMEOUT.
        if self.product == OPENSEARCH:
            client = self.client
            kwargs["request_timeout"] = ADMIN_TIMEOUT
        else:
            client = self.client.options(request_timeout=ADMIN_TIMEOUT)
        try:
            return getattr(client.indices, method)(**kwargs)
        except Exception as exc:
            raise _wrap(f"indices.{method}", exc) from exc

    def search(self, index, body, timeout=None):
        if self.product == OPENSEARCH:
            return self._call(
                "search", index=index, body=body, request_timeout=timeout or self.timeout
            )
        client = self.client.options(request_timeout=timeout or self.timeout)
        try:
            return client.search(index=index, body=body)
        except Exception as exc:
            raise _wrap("search", exc) from exc

    def msearch(self, index, bodies, timeout=None):
        """The answers to several searches of ``index``, sent in one request.

        A search that failed inside the batch fails the whole call, as a
        single failed search would.
        """
        lines = []
        for body in bodies:
            lines.extend(({}, body))
        if self.product == OPENSEARCH:
            answer = self._call(
                "msearch", index=index, body=lines, request_timeout=timeout or self.timeout
            )
        else:
            client = self.client.options(request_timeout=timeout or self.timeout)
            try:
                answer = client.msearch(index=index, body=lines)
            except Exception as exc:
                raise _wrap("msearch", exc) from exc
        responses = answer["responses"]
        for response in responses:
            if "error" in response:
                status = response.get("status", 500)
                failure = EngineRejected if 400 <= status < 500 else EngineError
                raise failure(f"msearch failed ({status}): {json.dumps(response['error'])[:500]}")
        return responses

    def bulk(self, operations, refresh=False):
        """Send ``operations`` (action lines and sources, as the bulk API takes them)."""
        if not operations:
            return {"errors": False, "items": []}
        lines = "\n".join(json.dumps(op, ensure_ascii=False) for op in operations) + "\n"
        refresh_value = "true" if refresh else "false"
        if self.product == OPENSEARCH:
            return self._call(
                "bulk", body=lines, refresh=refresh_value, request_timeout=ADMIN_TIMEOUT
            )
        client = self.client.options(request_timeout=ADMIN_TIMEOUT)
        try:
            return client.bulk(operations=lines, refresh=refresh_value)
        except Exception as exc:
            raise _wrap("bulk", exc) from exc

    def create_index(self, name, body):
        if self.product == OPENSEARCH:
            return self._indices("create", index=name, body=body)
        return self._indices("create", index=name, **body)

    def delete_index(self, name):
        return self._indices("delete", index=name, ignore_unavailable=True)

    def index_exists(self, name):
        return bool(self._indices("exists", index=name))

    def aliases(self, name):
        """``{index: alias-info}`` for the alias ``name``; {} when it does not exist."""
        try:
            return dict(self._indices("get_alias", name=name))
        except EngineError as exc:
            if isinstance(exc, EngineRejected):
                return {}
            raise

    def update_aliases(self, actions):
        if self.product == OPENSEARCH:
            return self._indices("update_aliases", body={"actions": actions})
        return self._indices("update_aliases", actions=actions)

    def refresh(self, index):
        return self._indices("refresh", index=index)

    def flush(self, index):
        """Commit what the index holds to disk and trim its transaction log."""
        return self._indices("flush", index=index)

    def put_settings(self, index, settings):
        """Change dynamic index settings, e.g. ``{"refresh_interval": "1s"}``."""
        if self.product == OPENSEARCH:
            return self._indices("put_settings", index=index, body={"index": settings})
        return self._indices("put_settings", index=index, settings={"index": settings})

    def count(self, index, query=None):
        body = {"query": query} if query else None
        if self.product == OPENSEARCH:
            return self._call("count", index=index, body=body)["count"]
        return self._call("count", index=index, query=query)["count"]

    def delete_by_query(self, index, query):
        if self.product == OPENSEARCH:
            return self._call("delete_by_query", index=index, body={"query": query}, refresh=True)
        return self._call("delete_by_query", index=index, query=query, refresh=True)

    def health(self, index=None, **params):
        """``GET _cluster/health`` (of ``index``, when given), e.g. ``wait_for_status="green"``."""
        if self.product == OPENSEARCH:
            client = self.client
            params["request_timeout"] = ADMIN_TIMEOUT
        else:
            client = self.client.options(request_timeout=ADMIN_TIMEOUT)
        try:
            return dict(client.cluster.health(index=index, **params))
        except Exception as exc:
            raise _wrap("cluster.health", exc) from exc

    def index_settings(self, index):
        """``{concrete index: its index settings}`` for ``index`` (an alias or a name)."""
        answer = self._indices("get_settings", index=index)
        return {name: body["settings"]["index"] for name, body in dict(answer).items()}

    def get_indices(self, pattern):
        try:
            return list(self._indices("get", index=pattern))
        except EngineError as exc:
            if isinstance(exc, EngineRejected):
                return []
            raise


_engine = None
_lock = threading.Lock()


def get_engine():
    """The configured engine, or None when ``SEARCH_URL`` is empty.

    Raises :class:`EngineError` when one is configured but does not answer;
    the product is detected again on the next call.
    """
    global _engine
    url = settings.SEARCH_URL
    if not url:
        return None
    with _lock:
        if _engine is None or _engine.url != url:
            _engine = Engine(url, settings.SEARCH_TIMEOUT)
        return _engine


def reset_engine():
    global _engine
    with _lock:
        _engine = None
