"""What the load test's visitors ask for: the URLs by kind and the mix of kinds.

:func:`visitor_urls` samples what an anonymous visitor can reach (needs Django
set up); :class:`Mix` draws requests from it in the proportions of ``MIX``,
:class:`Static` always the one static file.
"""

from bench.search_benchmark import WORDS

# How often each kind of request comes up in the visitors' mix.
MIX = {
    "home": 8,
    "theme": 8,
    "routine": 22,
    "guidance": 8,
    "organisation": 8,
    "directory": 10,
    "search page": 10,
    "search API": 12,
    "autocomplete": 14,
}
LANGUAGE_WEIGHTS = {"sv": 7, "en": 3}
SAMPLE = 2000  # pages of each type to draw from


def visitor_urls():
    """Absolute paths of what an anonymous visitor can reach, by kind of request."""
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation
    from wagtail.models import Page

    from core.access import visible_pages
    from home.models import HomePage
    from resources.models import (
        DirectoryPage,
        GuidancePage,
        OrganisationKind,
        OrganisationPage,
        Region,
        RoutinePage,
        ThemePage,
    )

    anonymous = AnonymousUser()

    def page_urls(model, limit=SAMPLE):
        pages = visible_pages(model.objects.live(), anonymous).order_by("?")[:limit]
        urls = {}
        for language in LANGUAGE_WEIGHTS:
            with translation.override(language):
                urls[language] = [Page.get_url(page) for page in pages]
        return urls

    directory = page_urls(DirectoryPage, 1)
    regions = list(Region.objects.values_list("key", flat=True))
    directory_urls = {}
    for language, (base,) in directory.items():
        directory_urls[language] = (
            [base]
            + [f"{base}?region={region}" for region in regions]
            + [f"{base}?kind={kind}" for kind in OrganisationKind.values]
            + [f"{base}?region={region}&open_24h=1" for region in regions]
        )
    search_terms = WORDS
    return {
        "home": page_urls(HomePage, 1),
        "theme": page_urls(ThemePage),
        "routine": page_urls(RoutinePage),
        "guidance": page_urls(GuidancePage),
        "organisation": page_urls(OrganisationPage),
        "directory": directory_urls,
        "search page": {
            language: [f"/{language}/search/?q={term}" for term in search_terms]
            + [f"/{language}/search/?q={term}&type=routine" for term in search_terms]
            for language in LANGUAGE_WEIGHTS
        },
        "search API": {
            language: [f"/api/search/?q={term}&lang={language}" for term in search_terms]
            + [f"/api/search/?q={term}&lang={language}&region=stockholm" for term in search_terms]
            for language in LANGUAGE_WEIGHTS
        },
        "autocomplete": {
            language: [
                f"/api/search/autocomplete/?q={term[:length]}&lang={language}"
                for term in search_terms
                for length in (3, 5, 8)
            ]
            for language in LANGUAGE_WEIGHTS
        },
    }


def static_url():
    """A collected style sheet under its hashed name, as pages link it."""
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage.url("css/portal.css")


class Mix:
    def __init__(self, urls):
        self.urls = urls
        self.kinds = [kind for kind in MIX if any(urls[kind].values())]
        self.weights = [MIX[kind] for kind in self.kinds]
        self.languages = list(LANGUAGE_WEIGHTS)
        self.language_weights = list(LANGUAGE_WEIGHTS.values())

    def pick(self, rng):
        kind = rng.choices(self.kinds, self.weights)[0]
        language = rng.choices(self.languages, self.language_weights)[0]
        return kind, rng.choice(self.urls[kind][language])


class Static:
    def __init__(self, url):
        self.url = url

    def pick(self, rng):
        return "static file", self.url


class CachedPages:
    """The pages the page cache serves most: home, theme and routine pages, ``sample`` of each."""

    KINDS = {"home": 1, "theme": 1, "routine": 2}

    def __init__(self, urls, sample):
        self.urls = {
            kind: [url for language in LANGUAGE_WEIGHTS for url in urls[kind][language][:sample]]
            for kind in self.KINDS
        }
        self.kinds = list(self.KINDS)
        self.weights = list(self.KINDS.values())

    def pick(self, rng):
        kind = rng.choices(self.kinds, self.weights)[0]
        return kind, rng.choice(self.urls[kind])

    def priming(self):
        """Every URL in turn, so that the measured phase meets a filled cache."""
        return _Sequence([(kind, url) for kind in self.kinds for url in self.urls[kind]])


class _Sequence:
    def __init__(self, requests):
        self.requests = requests
        self.next = 0

    def pick(self, rng):
        request = self.requests[self.next % len(self.requests)]
        self.next += 1
        return request
