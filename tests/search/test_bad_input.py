"""Bad input to the search API: a 400 where the contract says so, never a 500."""

import pytest

from tests.search.content import CONTRACT_KEYS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": "x", "type": "person"}, "unknown type"),
        ({"q": "x", "page": "0"}, "page must be a positive integer"),
        ({"q": "x", "page": "-1"}, "page must be a positive integer"),
        ({"q": "x", "page": "two"}, "page must be a positive integer"),
        ({"q": "x" * 501}, "longer than 500"),
        ({"q": "x", "lang": "de"}, "unknown lang"),
    ],
)
def test_contract_errors_are_400_with_a_message(client, tree, params, message):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert message in response.json()["error"]


# Digits to str.isdigit() (and some to int()), but not page numbers: superscript two,
# circled one, Arabic-Indic one, fullwidth one; and more digits than int() will read.
NON_ASCII_PAGES = ["\u00b2", "\u2460", "\u0661", "\uff11", "1" * 5000]


@pytest.mark.parametrize("page", NON_ASCII_PAGES)
def test_non_ascii_digit_pages_are_400_on_the_api(client, tree, page):
    """Only ASCII digits make a page number; anything else is the contract's 400."""
    response = client.get("/api/search/", {"q": "x", "page": page})
    assert response.status_code == 400
    assert response.json()["error"] == "page must be a positive integer"


@pytest.mark.parametrize("page", NON_ASCII_PAGES)
def test_non_ascii_digit_pages_are_400_on_the_search_page(client, tree, page):
    """The HTML search page answers the same 400 and shows the message."""
    response = client.get("/sv/search/", {"q": "x", "page": page})
    assert response.status_code == 400
    assert "page must be a positive integer" in response.text


def test_percent_encoded_superscript_page_is_400(client, tree):
    """The reported address, byte for byte: ``page=%C2%B2`` is a superscript two."""
    assert client.get("/api/search/?q=x&page=%C2%B2").status_code == 400
    assert client.get("/sv/search/?q=x&page=%C2%B2").status_code == 400


ODD_QUERIES = [
    "",
    '"',
    "*",
    "(",
    "\\",
    ":",
    'title:"x" AND (y OR',
    "a" * 500,
    "🙂 människohandel ✓",
    "ελληνικά Ļoti",
    "\u202e\u200b",
    "<script>alert(1)</script>",
    "%",
    "[]{}~^/",
]


@pytest.mark.parametrize("q", ODD_QUERIES)
def test_odd_queries_answer(client, tree, q):
    """Engine syntax characters and unusual text answer 200 with the contract's shape."""
    response = client.get("/api/search/", {"q": q, "theme": "no-such-theme"})
    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == CONTRACT_KEYS
    # The query comes back as JSON data, never as a page a browser would render.
    assert response["Content-Type"] == "application/json"
    assert answer["query"] == " ".join(q.split())


def test_deep_page_answers_empty(client, tree):
    """Page 10,000 answers with no results rather than an error."""
    answer = client.get("/api/search/", {"q": "rutin", "page": "10000"}).json()
    assert answer["results"] == []
    assert answer["page"] == 10000


def test_search_page_escapes_the_query(client, tree):
    """The HTML search page shows the query escaped."""
    response = client.get("/sv/search/", {"q": "<script>alert(1)</script>"})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text
