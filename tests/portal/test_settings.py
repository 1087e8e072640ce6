"""Production settings are secure by default and refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def manage(*args, **env):
    ignored = ("SECRET_KEY", "ALLOWED_HOSTS", "TRUST_X_FORWARDED_PROTO")
    environment = {k: v for k, v in os.environ.items() if k not in ignored}
    environment.update({"DJANGO_SETTINGS_MODULE": "portal.settings.production", **env})
    return subprocess.run(  # noqa: S603 - fixed command, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean():
    """With a secret key and hosts set, `check --deploy` reports nothing."""
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY="x" * 20 + "production-secret-key-from-the-environment-0123456789",
        ALLOWED_HOSTS="eportal.example.se",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_missing_secret_key_is_refused():
    """Production without SECRET_KEY stops with ImproperlyConfigured, naming the variable."""
    result = manage("check", ALLOWED_HOSTS="eportal.example.se")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_missing_allowed_hosts_is_refused():
    """Production without ALLOWED_HOSTS stops too."""
    result = manage("check", SECRET_KEY="k" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 20 + "production-secret-key-from-the-environment-0123456789",
    "ALLOWED_HOSTS": "eportal.example.se",
}


def proxy_ssl_header(settings_module="portal.settings.production", **env):
    script = "from django.conf import settings; print(repr(settings.SECURE_PROXY_SSL_HEADER))"
    result = manage(
        "shell", "-c", script, DJANGO_SETTINGS_MODULE=settings_module, **PRODUCTION_ENV, **env
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_x_forwarded_proto_is_trusted_only_when_configured():
    """Production trusts the proxy's X-Forwarded-Proto by default, and not once turned off;
    development does not unless asked."""
    trusted = "('HTTP_X_FORWARDED_PROTO', 'https')"
    assert proxy_ssl_header() == trusted
    assert proxy_ssl_header(TRUST_X_FORWARDED_PROTO="false") == "None"
    assert proxy_ssl_header("portal.settings.dev") == "None"
    assert proxy_ssl_header("portal.settings.dev", TRUST_X_FORWARDED_PROTO="true") == trusted
