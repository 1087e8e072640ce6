"""Tests: fast hashing, in-memory mail, media in a temporary folder."""

import tempfile

from portal.env import env_str

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="eportal-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tests own their index names and clean up after themselves.
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "eportal-test")
# Client.login() has no request for django-axes; the login views keep it.
AUTHENTICATION_BACKENDS = [
    "tests.backends.AxesBackendAllowingTestLogin",
    "django.contrib.auth.backends.ModelBackend",
]
# Every test client comes from 127.0.0.1: far above what the suite sends, so
# only tests/security/test_rate_limit.py, with its own limits, meets one.
SEARCH_RATE_LIMIT = (100_000, 60)
AUTOCOMPLETE_RATE_LIMIT = (100_000, 60)
ALERTS_SIGNUP_RATE_LIMIT = (100_000, 60)
# Off, so that no other test depends on it; tests/pagecache turns it on per test.
PAGE_CACHE_SECONDS = 0
