"""Settings shared by every environment; secure by default.

Everything that differs between machines comes from environment variables
(see docs/CONFIGURATION.md); the defaults give a working local portal with
SQLite and database search.
"""

import datetime
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from portal.env import env_bool, env_choice, env_float, env_int, env_list, env_rate, env_str

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # wagtail_modeltranslation must come before the apps it translates; its
    # makemigrations/migrate overrides keep translated Page columns out of
    # wagtailcore's migrations and add them after every migrate.
    "wagtail_modeltranslation",
    "wagtail_modeltranslation.makemigrations",
    "wagtail_modeltranslation.migrate",
    "modeltranslation",
    # The project's apps (layers in docs/ARCHITECTURE.md).
    "portal",
    "core",
    "core.pagecache",
    "home",
    "resources",
    "search",
    "editorial",
    "alerts",
    "wagtail.contrib.redirects",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    # Outermost, so that every response gets their headers: SecurityMiddleware's
    # HTTPS redirect and WhiteNoise's static files (production) answer before
    # the middleware below them runs.
    "core.security.headers.SecurityHeadersMiddleware",
    "core.security.headers.ContentSecurityPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "core.security.middleware.RejectNulMiddleware",
    # A cached page is answered here, below the security headers and above
    # everything an anonymous visitor's page does not need (core.pagecache).
    "core.pagecache.middleware.PageCacheHitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.security.two_factor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Says whom to ask when a partner editor is refused a published page's file.
    "editorial.middleware.FileRefusalMessageMiddleware",
    # After the others, as django-axes asks: it turns a flagged login into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Last: it tells the hit middleware which pages and responses may be cached.
    "core.pagecache.middleware.PageCacheMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=60,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes counts failed logins first; ModelBackend does the real check.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"
WAGTAIL_FRONTEND_LOGIN_URL = "login"

# Languages: Swedish first; the others are translations of it.
LANGUAGE_CODE = "sv"
LANGUAGES = [
    ("sv", _("Swedish")),
    ("en", _("English")),
    ("it", _("Italian")),
    ("el", _("Greek")),
    ("lv", _("Latvian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Long dates ("31 December 2007") and 24-hour times in every language.
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = LANGUAGE_CODE
# Partners in Italy, Greece and Latvia read English before Swedish.
MODELTRANSLATION_FALLBACK_LANGUAGES = {
    "default": ("sv",),
    "it": ("en", "sv"),
    "el": ("en", "sv"),
    "lv": ("en", "sv"),
}
# The portal's own switch (core/static/core/js/language_switch.js) shows one
# language at a time; the package's picker stacked all five.
WAGTAILMODELTRANSLATION_LOCALE_PICKER = False

STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static_collected")))
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "E-portal"
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend that also writes the database search's term rows.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.backend"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
# Restricted guidance documents must go through Wagtail's permission check.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Only these open in the browser; every other type is downloaded.
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
# Uploaded documents are checked by their bytes, not by their names.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.security.uploads.DocumentForm"
# No SVG: an SVG file can carry script.
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
# Below Pillow's own decompression-bomb threshold (about 89 million pixels).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("IMAGE_MAX_PIXELS", 40_000_000)

# Who may read restricted pages: a view restriction lists these groups.
PORTAL_RESTRICTED_GROUPS = ["Professionals", "Editors", "Moderators"]
# The owner rule of partner editors answers every portal page's permission checks.
PORTAL_PAGE_PERMISSION_TESTER = "editorial.permissions.PartnerPagePermissionTester"
# Routines are due for review after this many days.
PORTAL_ROUTINE_REVIEW_DAYS = 365
# Contact details are due for verification after this many days.
PORTAL_ORGANISATION_VERIFY_DAYS = 183

# One node's URL, or several nodes of one cluster separated by commas.
SEARCH_URL = env_str("SEARCH_URL", "") or None
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "eportal")
SEARCH_TIMEOUT = env_float("SEARCH_TIMEOUT", 2.0)
# Primary shards of a new index (changes take effect on `search_index rebuild`).
SEARCH_INDEX_SHARDS = env_int("SEARCH_INDEX_SHARDS", 1)
# Copies of each shard on other nodes; None: one when the cluster has more than
# one data node, none on a single node (search/cluster.py).
SEARCH_INDEX_REPLICAS = env_int("SEARCH_INDEX_REPLICAS", None)
# The analysis profile of each language's index (defined in search/index.py).
SEARCH_ANALYZERS = {
    "sv": "swedish",
    "en": "english",
    "it": "italian",
    "el": "greek",
    "lv": "latvian",
}
# Hunspell dictionaries (from the hunspell-sv package): the lexicon that splits
# compounds in search, for the languages that need one.
SEARCH_HUNSPELL_DICTIONARIES = {"sv": "sv_SE"}
# Search analytics (search.analytics): months of daily query counts kept;
# `manage.py purge_search_analytics` (daily from cron) deletes older days.
SEARCH_ANALYTICS_RETENTION_MONTHS = env_int("SEARCH_ANALYTICS_RETENTION_MONTHS", 13)

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PORTAL_PERMISSIONS_POLICY = "camera=(), geolocation=(), microphone=(), payment=(), usb=()"

# Content-Security-Policy (django-csp): the portal's own pages run only scripts
# and styles from static/, never inline ones.
_csp_report = {"report-uri": [env_str("CSP_REPORT_URI")]} if env_str("CSP_REPORT_URI") else {}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-src": [NONE],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        **_csp_report,
    }
}
# The admin asks no third party for anything (its policy allows none): no
# Gravatar avatars (they would send editors' e-mail hashes), no release check.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Wagtail's admin renders inline scripts and styles and frames its own
# previews, so /admin/ gets this wider policy (core.security.headers).
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
        **_csp_report,
    }
}

# Whether the request came over HTTPS: only a reverse proxy that terminates
# TLS and overwrites X-Forwarded-Proto may say so (TRUST_X_FORWARDED_PROTO);
# without such a proxy, any client could claim HTTPS with that header.
_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_PROXY_SSL_HEADER = _PROXY_SSL_HEADER if env_bool("TRUST_X_FORWARDED_PROTO", False) else None

# The client's address: REMOTE_ADDR, unless a trusted reverse proxy in front
# of the portal sets CLIENT_IP_HEADER (e.g. X-Forwarded-For). Never set it
# without such a proxy: clients could then choose their own address.
PORTAL_CLIENT_IP_HEADER = env_str("CLIENT_IP_HEADER", "")
PORTAL_CLIENT_IP_PROXY_COUNT = env_int("CLIENT_IP_PROXY_COUNT", 1)

# Login throttling (django-axes) on the professionals' and the admin login.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
_LOCKOUT_BY = {
    # The default: guessing at one account from elsewhere cannot lock its owner out.
    "username-and-ip": [["username", "ip_address"]],
    "ip": ["ip_address"],
    "username": ["username"],
}
AXES_LOCKOUT_PARAMETERS = _LOCKOUT_BY[
    env_choice("LOGIN_LOCKOUT_BY", _LOCKOUT_BY, "username-and-ip")
]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.security.client.client_ip"
AXES_USERNAME_CALLABLE = "core.security.client.axes_username"
AXES_LOCKOUT_CALLABLE = "core.security.lockout.lockout_response"

# Two-step verification (django-otp TOTP) in the admin: optional for everyone,
# required for members of these groups (e.g. Moderators).
PORTAL_REQUIRE_2FA_GROUPS = env_list("PORTAL_REQUIRE_2FA_GROUPS")
OTP_TOTP_ISSUER = "E-portal"

# Requests per client address to the search (API and page) and autocomplete;
# "off" turns a limit off. Counted in the cache named by RATE_LIMIT_CACHE.
SEARCH_RATE_LIMIT = env_rate("SEARCH_RATE_LIMIT", "120/minute")
AUTOCOMPLETE_RATE_LIMIT = env_rate("AUTOCOMPLETE_RATE_LIMIT", "600/minute")
# A Redis every worker shares (redis://host:port/db): the page cache, its
# content generation, the rate-limit counters and login throttling live there.
# Unset: the page cache and the counters stay in each worker process, login
# throttling in the database. Redis being down means no caching, no errors.
CACHE_URL = env_str("CACHE_URL", "")


def _shared_cache(prefix, **params):
    backend = "core.cache.SharedRedisCache"
    return {"BACKEND": backend, "LOCATION": CACHE_URL, "KEY_PREFIX": prefix, **params}


_RATE_LIMIT_CACHES = {
    # One count per worker process.
    "memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate"},
    # One count for every process; needs `manage.py createcachetable`.
    "database": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_rate_limit",
    },
}
if CACHE_URL:
    # One count for every process, in the shared Redis.
    _RATE_LIMIT_CACHES["redis"] = _shared_cache("rate")

# Rendered pages for anonymous visitors (core.pagecache), kept per worker
# process, or in the shared Redis (CACHE_URL), for PAGE_CACHE_SECONDS (0 turns
# the cache off). Every change to a model of these apps makes all cached
# pages stale at once; over-invalidating costs misses, missing a change would
# leak. A new app whose models a page
# shows (e.g. site settings with wagtail.contrib.settings) must be added here.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
PAGE_CACHE_CONTENT_APPS = [
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailsnippets",
    "wagtailredirects",
    "taggit",
    "home",
    "resources",
    "editorial",
]

_RATE_LIMIT_CACHE = env_choice(
    "RATE_LIMIT_CACHE", _RATE_LIMIT_CACHES, "redis" if CACHE_URL else "memory"
)
if CACHE_URL:
    CACHES = {
        "default": _shared_cache("portal"),
        "ratelimit": _RATE_LIMIT_CACHES[_RATE_LIMIT_CACHE],
        # Redis's own memory limit (maxmemory, an LRU policy) bounds the pages.
        "pages": _shared_cache("pages", TIMEOUT=PAGE_CACHE_SECONDS),
    }
    # django-axes counts failed logins in the shared cache, not the database.
    AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    AXES_CACHE = "default"
    # Sessions read from Redis, written through to the database: a logged-in
    # page view saves its session query, and Redis down falls back to the table.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": _RATE_LIMIT_CACHES[_RATE_LIMIT_CACHE],
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": env_int("PAGE_CACHE_ENTRIES", 1000)},
        },
    }

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "e-portal@example.se")
# Where django.core.mail.backends.filebased.EmailBackend writes (the browser tests read it).
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))

# E-mail alerts (alerts/): sign-ups per client address, how long a confirmation
# link works (unconfirmed sign-ups are deleted after it), and how old a change
# note or news item may be and still be announced when it is published.
ALERTS_SIGNUP_RATE_LIMIT = env_rate("ALERTS_SIGNUP_RATE_LIMIT", "10/hour")
ALERTS_CONFIRM_DAYS = env_int("ALERTS_CONFIRM_DAYS", 7)
ALERTS_NOTE_MAX_AGE_DAYS = env_int("ALERTS_NOTE_MAX_AGE_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

DEBUG_TOOLBAR = env_bool("DEBUG_TOOLBAR", False)
