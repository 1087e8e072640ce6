"""The answer to a login while django-axes has locked it out."""

import math

from django.conf import settings
from django.shortcuts import render

from .headers import admin_prefix


def lockout_response(request, original_response=None, credentials=None):
    """429 with a page that says when to try again and nothing about the account.

    The page is the same whether the username exists or not, and for the
    right password too, so it tells a guesser nothing.
    """
    cooloff = settings.AXES_COOLOFF_TIME.total_seconds()
    template = (
        "core/admin_locked_out.html"
        if request.path_info.startswith(admin_prefix())
        else "core/locked_out.html"
    )
    response = render(request, template, {"minutes": max(1, math.ceil(cooloff / 60))}, status=429)
    response["Retry-After"] = str(math.ceil(cooloff))
    return response
