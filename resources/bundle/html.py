"""The HTML subset a bundle may carry, and what falls outside it."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "strong", "em", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}


def sanitize(html):
    """``html`` reduced to the allowed subset; scripts and styles lose their content."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel=None,
        strip_comments=True,
    ).strip()


class _Inspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"<{tag}> is not allowed")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self.problems.append(f"attribute {name!r} on <{tag}> is not allowed")
            elif name == "href" and not _safe_url(value or ""):
                self.problems.append(f"link {value!r} on <{tag}> is not allowed")


def _safe_url(url):
    scheme = urlsplit(url.strip()).scheme.lower()
    return not scheme or scheme in ALLOWED_SCHEMES


def disallowed(html):
    """Human-readable descriptions of markup outside the subset, without repeats."""
    inspector = _Inspector()
    inspector.feed(html or "")
    inspector.close()
    return list(dict.fromkeys(inspector.problems))
