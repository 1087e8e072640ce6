"""Long listings split into pages: ``?page=N`` picks one, links keep the other parameters."""

import re
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils.encoding import escape_uri_path

PER_PAGE = 50
# A whole number in ASCII digits; Django's int() would also read "١" (Arabic-Indic) or " 2_0".
WHOLE_NUMBER = re.compile(r"-?[0-9]+")


@dataclass(frozen=True)
class Listing:
    """One page of a listing and the addresses of its neighbours ("" when there is none)."""

    page: Page
    previous_url: str
    next_url: str

    @property
    def total(self):
        return self.page.paginator.count


def paginate(request, items, param="page", fragment=""):
    """The page of ``items`` that ``?<param>=N`` asks for.

    ``items`` must be in a total order (end it with ``pk``): titles repeat, and
    ties would let LIMIT/OFFSET show an item on two pages or on none.

    ``get_page()`` never fails: a value that is not a whole number shows the
    first page, a number out of range (0, negative, too big) the last. Only
    ASCII digits make a number: "²", "①" or "١" show the first page. The
    neighbours' links keep every other query parameter (directory filters, the
    other listing's page on a theme page) and end in ``#fragment`` when given,
    so that the visitor lands back at the list they were paging through.
    """
    raw = request.GET.get(param)
    number = raw if raw and WHOLE_NUMBER.fullmatch(raw) else None
    # Compared as text: int() refuses numbers of thousands of digits.
    first = number is None or number.lstrip("0") == "1"
    page = _first_page(items) if first else None
    if page is None:
        page = Paginator(items, PER_PAGE).get_page(number)

    def url_of(number):
        query = request.GET.copy()
        if number == 1:
            query.pop(param, None)  # the first page has one address, the listing's own
        else:
            query[param] = number
        encoded = query.urlencode()
        url = escape_uri_path(request.path) + (f"?{encoded}" if encoded else "")
        return url + (f"#{fragment}" if fragment else "")

    return Listing(
        page=page,
        previous_url=url_of(page.previous_page_number()) if page.has_previous() else "",
        next_url=url_of(page.next_page_number()) if page.has_next() else "",
    )


def _first_page(items):
    """The first page, read with one row more than it shows.

    A list that fits on one page is then counted without a COUNT query; a
    longer one is counted as usual and its first page is not read twice.
    """
    rows = list(items[: PER_PAGE + 1])
    if len(rows) <= PER_PAGE:
        return Paginator(rows, PER_PAGE).page(1)
    paginator = Paginator(items, PER_PAGE)
    paginator.validate_number(1)
    return paginator._get_page(rows[:PER_PAGE], 1, paginator)
