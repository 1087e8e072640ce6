"""JSON answers that never read as markup."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

# As Django's json_script: inside JSON strings these escapes mean the same
# characters, so clients read the same data.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


class EscapedJsonResponse(HttpResponse):
    """A JSON response with ``<``, ``>`` and ``&`` escaped.

    Search answers echo the visitor's query; escaped, it cannot become HTML
    even where a client or a sniffing proxy treats the body as a page.
    """

    def __init__(self, data, **kwargs):
        kwargs.setdefault("content_type", "application/json")
        content = json.dumps(data, cls=DjangoJSONEncoder).translate(_ESCAPES)
        super().__init__(content=content, **kwargs)
