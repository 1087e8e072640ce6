"""Random strings, parameters and headers thrown at the public URLs and the
search API (hypothesis): never a server error, never the engine's error text,
never the visitor's markup echoed back unescaped."""

import re

import pytest
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.search.conftest import committed, search_engine  # noqa: F401 - fixtures
from tests.search.content import load

PUBLIC_URLS = [
    "/sv/",
    "/en/",
    "/sv/rutiner/",
    "/sv/kontakter/",
    "/sv/nyheter/",
    "/sv/vagledning/",
    "/sv/search/",
    "/en/search/",
    "/api/search/",
    "/api/search/autocomplete/",
    "/sv/feed/",
    "/sitemap.xml",
    "/sv/login/",
    "/health/",
]
SEARCH_URLS = ["/api/search/", "/api/search/autocomplete/", "/sv/search/", "/el/search/"]
PARAMETER_NAMES = ["q", "lang", "type", "theme", "region", "audience", "page", "open_24h", "next"]
ATTACKS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "{{ settings.SECRET_KEY }}",
    "{% debug %}",
    "' OR 1=1 --",
    "title:(x AND",
    '{"query": {"match_all": {}}}',
    "*:*",
    "\\",
    "../../../../etc/passwd",
    "%00",
    "%",
    "\u202e\u200b\ufeff",
    "a" * 600,
    "9" * 30,
    "-1",
    "sv\r\nSet-Cookie: x=1",
]
# Text a search engine or Django prints when something broke inside.
ERROR_TEXT = re.compile(
    r"Traceback|search_phase_execution_exception|parse_exception|query_shard_exception|"
    r"illegal_argument_exception|TransportError|ConnectionError|RequestError|"
    r"OperationalError|ProgrammingError|DataError|Server Error \(500\)",
)
# Markup the visitor typed; escaped it is harmless, raw it would run.
TAG = re.compile(r"<[a-zA-Z!/?]")

markup = st.builds(
    "{}<{}>{}".format,
    st.text(max_size=10),
    st.sampled_from(["script", "img src=x onerror=alert(1)", "b", "svg/onload=alert(1)", "/title"]),
    st.text(max_size=10),
)
values = st.one_of(
    st.sampled_from(ATTACKS),
    markup,
    st.text(max_size=80),
    st.text(alphabet="<>\"'&;:/\\()*{}[]%=~^ab", max_size=30),
)
params = st.dictionaries(
    st.one_of(st.sampled_from(PARAMETER_NAMES), st.text(min_size=1, max_size=12)),
    values,
    max_size=5,
)
search_params = st.fixed_dictionaries(
    {"q": values},
    optional={
        "lang": st.one_of(st.sampled_from(["sv", "en", "it", "el", "lv"]), values),
        "type": st.one_of(st.sampled_from(["routine", "guidance", "organisation", "news"]), values),
        "theme": values,
        "region": values,
        "audience": values,
        "page": st.one_of(st.integers(-5, 20_000).map(str), values),
    },
)
headers = st.fixed_dictionaries(
    {},
    optional={
        "HTTP_ACCEPT_LANGUAGE": values,
        "HTTP_USER_AGENT": values,
        "HTTP_REFERER": values,
        "HTTP_ACCEPT": st.sampled_from(["application/json", "text/html", "*/*", "x/y;q=abc"]),
        "HTTP_X_FORWARDED_FOR": values,
        "HTTP_COOKIE": values,
    },
)
# Hypothesis reuses one client and one database across examples on purpose:
# the pages only read. Examples are few so both database runs stay short.
FUZZ = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def header_safe(value):
    # The test client can only send what a real HTTP header can carry.
    return "".join(ch for ch in value if ch.isprintable() and ord(ch) < 256)


def check(response, sent, plain_page=""):
    """No 500, no error text, no sent markup in the body unless the page has it anyway."""
    assert response.status_code < 500, response.status_code
    body = b"".join(response) if response.streaming else response.content
    text = body.decode("utf-8", "replace")
    assert not ERROR_TEXT.search(text), ERROR_TEXT.search(text).group(0)
    for value in sent:
        for form in {value, " ".join(value.split())}:
            # "</" or "<a" occur in every page; only markup the page lacks counts.
            if TAG.search(form) and form not in plain_page:
                assert form not in text, form


def baseline(client, url):
    """The page without any input, fetched once per URL and client."""
    pages = client.__dict__.setdefault("baselines", {})
    if url not in pages:
        pages[url] = client.get(url, follow=True).content.decode("utf-8", "replace")
    return pages[url]


def get(client, url, query, extra):
    extra = {name: header_safe(value) for name, value in extra.items()}
    return client.get(url, query, **extra), [*query.values(), *extra.values()]


def fuzz(client, url, query, extra):
    response, sent = get(client, url, query, extra)
    check(response, sent, baseline(client, url))
    return response


@pytest.fixture
def site(tree, tmp_path):
    load(tmp_path)
    return Client()


@FUZZ
@given(url=st.sampled_from(SEARCH_URLS), query=search_params, extra=headers)
# Found by this test: a lone quote broke SQLite's full-text query.
@example(url="/api/search/", query={"q": '"'}, extra={})
@example(url="/sv/search/", query={"q": 'a "b'}, extra={})
def test_search_survives_random_input(site, url, query, extra):
    """Any query, filters and headers on the search page and API (database search)."""
    fuzz(site, url, query, extra)


@settings(FUZZ, max_examples=40)
@given(url=st.sampled_from(PUBLIC_URLS), query=params, extra=headers)
def test_public_urls_survive_random_input(site, url, query, extra):
    """Any parameters and headers on a public URL: a page or a 4xx, never a 500."""
    fuzz(site, url, query, extra)


@settings(FUZZ, max_examples=40)
@given(path=st.text(min_size=1, max_size=40), language=st.sampled_from(["sv", "en", "xx"]))
def test_random_paths_answer_cleanly(site, path, language):
    """Random paths answer 404 (or a redirect), never a server error or reflected markup."""
    check(site.get(f"/{language}/{path}"), [path], baseline(site, f"/{language}/no-such-page/"))


@settings(FUZZ, max_examples=25)
@given(username=values, password=values, next_url=values)
def test_login_form_survives_random_input(site, username, password, next_url):
    """Random login attempts fail politely (or pause with 429), never with a 500."""
    form = {"username": username, "password": password, "next": next_url}
    response = site.post("/sv/login/", form)
    check(response, [username, next_url], baseline(site, "/sv/login/"))


@pytest.fixture
def engine_site(search_engine, committed, tmp_path):  # noqa: F811 - fixtures
    with committed():
        load(tmp_path)
    return Client()


@pytest.mark.engine
@settings(FUZZ, max_examples=20)
@given(url=st.sampled_from(SEARCH_URLS), query=search_params, extra=headers)
def test_engine_search_survives_random_input(engine_site, url, query, extra):
    """Against the real engine too: no 500, no engine error text, no fallback forced."""
    response = fuzz(engine_site, url, query, extra)
    if url.startswith("/api/") and response.status_code == 200:
        answer = response.json()
        assert answer["engine"] in ("opensearch", None), answer
