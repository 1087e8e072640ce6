"""The HTML subset a bundle may carry, and what falls outside it."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

ALLOWED_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "strong", "em", "a", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# ``key:<item key>`` links to another item of the bundle or of the portal (docs/BUNDLE.md).
KEY_SCHEME = "key"
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel", KEY_SCHEME}
# A key link as sanitize() writes it: the only attribute, in double quotes.
KEY_LINK = re.compile(r'<a href="key:([^"]*)">')


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


def link_keys(html):
    """The item keys that ``key:`` links in ``html`` point to, in order, without repeats."""
    return list(dict.fromkeys(KEY_LINK.findall(sanitize(html))))


def resolve_key_links(html, page_id):
    """``html`` with each ``key:`` link made a Wagtail page link, which works in every language.

    ``page_id(key)`` gives the page's id, or None to leave the link as it is
    (a page the import has not created yet).
    """

    def replace(match):
        pk = page_id(match.group(1))
        return match.group(0) if pk is None else f'<a linktype="page" id="{pk}">'

    return KEY_LINK.sub(replace, html)
