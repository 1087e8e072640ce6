"""Response headers: the Content-Security-Policy, Permissions-Policy, SVG."""

from functools import cache

from csp.constants import SELF
from csp.middleware import CSPMiddleware
from django.conf import settings
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers

SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; sandbox"


@cache
def admin_prefix():
    return reverse("wagtailadmin_home")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with the wider ``PORTAL_ADMIN_CONTENT_SECURITY_POLICY`` under /admin/.

    The strict ``CONTENT_SECURITY_POLICY`` covers every other URL; a view that
    sets its own policy with django-csp's decorators keeps it. A page preview
    is rendered through the middleware as a dummy request for the page's own
    URL: it keeps the strict policy but may be framed by the admin.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        if request.path_info.startswith(admin_prefix()):
            parts.config = settings.PORTAL_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        elif getattr(request, "is_dummy", False):
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class SecurityHeadersMiddleware:
    """Headers Django does not set itself.

    ``Permissions-Policy`` turns off browser features the portal never uses.
    A page made for a logged-in user may list restricted material, so no
    shared cache may keep it. An SVG file opened as a page would run any
    script inside it, so every SVG response is a download under a sandboxing
    policy (an ``<img>`` still shows it).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PORTAL_PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PORTAL_PERMISSIONS_POLICY
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type == "image/svg+xml":
            response["Content-Security-Policy"] = SVG_POLICY
            if not response.get("Content-Disposition", "").startswith("attachment"):
                response["Content-Disposition"] = "attachment"
        return response
