"""Logging out in the language being read."""

from django.contrib import messages
from django.contrib.auth.views import LogoutView
from django.utils.translation import gettext
from wagtail.models import Site


class PortalLogoutView(LogoutView):
    """Log out, say so, and stay in the visitor's language on its start page.

    The form posts to the language-prefixed address (``/en/logout/``), so the
    active language is the one being read; Django's default would send the
    visitor to ``/``, where the browser's language decides.
    """

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        # Stored in the messages cookie: the session has just been flushed.
        messages.success(request, gettext("You are logged out."))
        return response

    def get_default_redirect_url(self):
        site = Site.find_for_request(self.request)
        if site is not None:
            url = site.root_page.get_url(self.request)
            if url:
                return url
        return super().get_default_redirect_url()
