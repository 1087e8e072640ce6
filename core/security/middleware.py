"""Request guards that apply to every URL."""

from django.http import HttpResponseBadRequest


class RejectNulMiddleware:
    """Answer 400 to a NUL byte in the path or query string.

    No URL of the portal can contain one, and PostgreSQL refuses them in text
    columns, so without this a lookup would fail with a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return HttpResponseBadRequest("Bad request.", content_type="text/plain")
        return self.get_response(request)
