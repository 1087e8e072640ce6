"""Authentication backends for the test settings."""

from axes.backends import AxesStandaloneBackend


class AxesBackendAllowingTestLogin(AxesStandaloneBackend):
    """django-axes' backend, except for ``Client.login()``.

    Django's test client authenticates without a request, which axes refuses;
    every real login view passes one, so those are throttled exactly as in
    production (tests/security/test_login_throttling.py).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
