"""Settings for the Panel record site, driven by environment variables.

DJANGO_ENV selects the mode: "production" (the default, so a forgotten variable fails closed),
"development" (make run) or "test" (the test suite). Every variable is documented in
.env.example.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from panel.schema_settings import api_settings

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = os.environ.get("DJANGO_ENV", "production")
if ENVIRONMENT not in {"production", "development", "test"}:
    raise ImproperlyConfigured(
        f"DJANGO_ENV={ENVIRONMENT!r} is not known: use production, development or test."
    )
PRODUCTION = ENVIRONMENT == "production"
DEBUG = ENVIRONMENT == "development" and os.environ.get("DJANGO_DEBUG", "1") == "1"


def env_list(name, default=""):
    return [part.strip() for part in os.environ.get(name, default).split(",") if part.strip()]


def env_whole_number(name, default, minimum=0):
    raw = os.environ.get(name, "").strip() or str(default)
    if not raw.isdigit() or int(raw) < minimum:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a whole number from {minimum} upwards (unset, it is "
            f"{default}). See .env.example."
        )
    return int(raw)


RATE_PERIODS = ("second", "minute", "hour", "day")


def env_rate(name, default):
    """A request rate such as ``120/minute`` (per second, minute, hour or day); ``off`` or
    ``0`` for no limit, given as None."""
    raw = os.environ.get(name, "").strip().lower() or default
    if raw in ("off", "0", "none"):
        return None
    count, _, period = raw.partition("/")
    if not count.isdigit() or int(count) < 1 or period not in RATE_PERIODS:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a rate: give a whole number of requests per second, "
            "minute, hour or day, e.g. 120/minute, or off for no limit. See .env.example."
        )
    return f"{int(count)}/{period}"


def client_address_settings(trusted_proxies):
    """django-axes' settings for finding the client's address, with ``trusted_proxies``
    reverse proxies in front of the site.

    Axes hands these to django-ipware. With no proxy the address is the connection's own and
    X-Forwarded-For is ignored: a client could write anything there. Behind N proxies, each
    appends the address it was reached from, so the client's address is the Nth entry from
    the right; entries to its left were written by the client and are never trusted.
    ipware counts the proxies between client and site by that header's entries, one fewer
    than the proxies in front of us, since the last proxy's own address is REMOTE_ADDR.
    """
    if trusted_proxies == 0:
        return {
            "AXES_IPWARE_META_PRECEDENCE_ORDER": ("REMOTE_ADDR",),
            "AXES_IPWARE_PROXY_COUNT": None,
        }
    return {
        "AXES_IPWARE_META_PRECEDENCE_ORDER": ("HTTP_X_FORWARDED_FOR",),
        "AXES_IPWARE_PROXY_COUNT": trusted_proxies - 1,
    }


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Production needs a long random secret key: "
            "generate one with `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    SECRET_KEY = f"insecure-{ENVIRONMENT}-key-never-use-in-production"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS is not set. List the site's host names, comma separated, "
        "for example DJANGO_ALLOWED_HOSTS=panel.example.org"
    )
if not PRODUCTION:
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [
    # Django's admin, with the API token list limited to who holds which (panel/apps.py).
    "panel.apps.PanelAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks_db",
    "meetings",
    "actions",
]

MIDDLEWARE = [
    # The record version (panel/record_version.py), read once per request.
    "panel.record_version.RequestVersionMiddleware",
    # The site's addresses, each kind worked out once per request (panel/links.py).
    "panel.links.RequestAddressesMiddleware",
    # Anonymous cross-origin reads of the API (panel/cors.py): preflights answered first.
    "panel.cors.CorsMiddleware",
    # 304 Not Modified (panel/http_cache.py): outside the public cache, so that a page made
    # for a conditional request is still stored.
    "panel.http_cache.ConditionalGetMiddleware",
    # Before every middleware that adds a cookie, so it stores a public page as it finally
    # leaves, with every header and cookie the rest add (panel/public_cache.py); views opt in
    # where their URLs are declared.
    "panel.public_cache.PublicCacheMiddleware",
    # ETag, Last-Modified, Cache-Control and Vary (panel/http_cache.py): inside the public
    # cache, so a hit replays what was set when its page was made.
    "panel.http_cache.CacheHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "panel.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "panel.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "panel.wsgi.application"

# SQLite is the embedded default; DATABASE_URL (postgres://...) selects PostgreSQL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections: opening one costs ~5 ms of app CPU and ~10 ms of PostgreSQL
        # CPU per request. 0 closes each connection after its request.
        conn_max_age=env_whole_number("DATABASE_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
        }
    )
    DATABASES["default"].pop("CONN_HEALTH_CHECKS", None)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = False


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if ENVIRONMENT == "test":
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# The bulk download of the public record (panel/bulk_archive.py): rebuilt from the database,
# so it need not be backed up.
OPEN_DATA_DIR = Path(os.environ.get("DJANGO_OPEN_DATA_DIR", MEDIA_ROOT / "open-data"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend with each user's permissions kept in the cache (two queries a request).
    "panel.permissions.CachedPermissionsBackend",
]
# Log-in throttling: after 5 failures for one user name from one address, that pair is
# locked out for 30 minutes and answered with 429. Off in the test suite except where a test
# turns it on, so tests may use client.login().
AXES_ENABLED = ENVIRONMENT != "test"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# Behind a TLS proxy every request comes from the proxy's address, so one person's failures
# would lock everyone out: say how many proxies are in front of the site (0 when none).
TRUSTED_PROXY_COUNT = env_whole_number("DJANGO_TRUSTED_PROXY_COUNT", 0)
CLIENT_ADDRESS = client_address_settings(TRUSTED_PROXY_COUNT)
AXES_IPWARE_META_PRECEDENCE_ORDER = CLIENT_ADDRESS["AXES_IPWARE_META_PRECEDENCE_ORDER"]
AXES_IPWARE_PROXY_COUNT = CLIENT_ADDRESS["AXES_IPWARE_PROXY_COUNT"]
# A client may put anything, even text that is not an address, to the left of what our
# proxies append; strict checking would then find no address at all rather than skip it.
IPWARE_STRICT = False
OTP_TOTP_ISSUER = os.environ.get("SITE_NAME", "Police and Crime Panel")

LOGIN_URL = "login"
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
LOGIN_REDIRECT_URL = "/"
# Signing out lands on the home page, not the admin's "logged out" page.
LOGOUT_REDIRECT_URL = "/"

# Content Security Policy: same-origin only, scripts and styles need the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_EMAIL_BACKEND",
            "django.core.mail.backends.smtp.EmailBackend"
            if PRODUCTION
            else "django.core.mail.backends.console.EmailBackend",
        )
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "panel-secretariat@localhost")

# Background tasks (reminder emails): queued in the database and run by a worker process
# (`make worker`, i.e. `manage.py db_worker`), so any number of app servers can enqueue them
# and a slow mail server holds up nothing that queued them. Development queues them too, as
# production does: with `make run`, run `make worker` beside it to send them. The test suite
# runs them at once, where they are queued (tests/test_task_queue.py goes through the queue).
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if ENVIRONMENT == "test"
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# The shared cache: Redis when DJANGO_REDIS_URL names a server (production, and every app
# server behind one proxy sharing it), else memory local to each process.
REDIS_URL = os.environ.get("DJANGO_REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's, keeping one Redis client per pool (panel/redis_cache.py).
            "BACKEND": "panel.redis_cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_PREFIX", "panel"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# {% cache %} fragments (the footer) depend on nothing in the record: each process keeps its
# own rather than asking Redis for them on every page.
CACHES["template_fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "template-fragments",
}
# Sessions read from the cache, written through to the database (nothing lost on a restart).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The public response cache (panel/public_cache.py): anonymous visitors' pages and API
# answers, kept until the record changes (panel/record_version.py) or TIMEOUT seconds pass.
# On by default only with Redis: a cache in each process's memory would not hear of edits
# made by another process (another worker, the importer, a management command) and would
# show the old page, even one holding what has since been made confidential, until TIMEOUT.
# Off in the test suite, whose tests of the cache turn it on.
PUBLIC_CACHE = {
    "ENABLED": ENVIRONMENT != "test"
    and os.environ.get("DJANGO_PUBLIC_CACHE", "1" if REDIS_URL else "0") == "1",
    "TIMEOUT": env_whole_number("DJANGO_PUBLIC_CACHE_SECONDS", 300, minimum=1),
    # A render after an edit holds its page's lock this long at most; others wait up to
    # LOCK_WAIT seconds for it, then render the page themselves.
    "LOCK_TIMEOUT": 10,
    "LOCK_WAIT": 2.0,
}

# HTTP caching of public pages and API answers (panel/http_cache.py): how long a browser may
# reuse one without asking (MAX_AGE), and a shared cache such as a CDN (SHARED_MAX_AGE: 0, it
# asks every time and is answered 304, so no page outlives an edit that made it confidential).
HTTP_CACHE = {
    "MAX_AGE": env_whole_number("DJANGO_HTTP_MAX_AGE", 60),
    "SHARED_MAX_AGE": env_whole_number("DJANGO_HTTP_SHARED_MAX_AGE", 0),
}
# The API's limit for clients without a token, per address (panel/throttling.py): answers
# from the public cache are not counted. Off in the test suite, whose throttling tests set it,
# and for `make bench`, whose load all comes from one address.
API_ANONYMOUS_RATE = env_rate(
    "DJANGO_API_ANONYMOUS_RATE", "off" if ENVIRONMENT == "test" else "120/minute"
)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "panel.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "panel.api.StandardPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_VERSIONING_CLASS": None,
    "EXCEPTION_HANDLER": "panel.api.exception_handler",
    # An unsupported ?format= is a 406, not a 404 (panel/negotiation.py).
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "panel.negotiation.FormatNegotiation",
    "DEFAULT_THROTTLE_CLASSES": ["panel.throttling.AnonymousRateThrottle"],
}
# API tokens (django-rest-knox): stored as SHA-512 digests, shown once when made, and
# expiring. Staff make and revoke their own at /accounts/tokens/.
API_TOKEN_DAYS = env_whole_number("DJANGO_API_TOKEN_DAYS", 90, minimum=1)
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=API_TOKEN_DAYS),
    # Enough for each script a person runs; past that, revoke an old one first.
    "TOKEN_LIMIT_PER_USER": 10,
    "AUTH_HEADER_PREFIX": "Token",
}
# The OpenAPI schema's settings (drf-spectacular): panel/schema_settings.py.
API_AUTHENTICATION, SPECTACULAR_SETTINGS = api_settings(API_TOKEN_DAYS)

# Open Civic Data (docs/open-data.md): the police force area the Panel scrutinises, and the
# Panel as a jurisdiction. Set once, before publishing: every ocd_id is derived from them.
OCD_DIVISION_ID = os.environ.get(
    "OCD_DIVISION_ID", "ocd-division/country:gb/part:eng/pfa:leicestershire"
)
OCD_JURISDICTION_ID = os.environ.get(
    "OCD_JURISDICTION_ID",
    "ocd-jurisdiction/country:gb/part:eng/pfa:leicestershire/police_and_crime_panel",
)

SITE_NAME = os.environ.get("SITE_NAME", "Police and Crime Panel")
# The site's public address, put in front of links in emails (reminders).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

if PRODUCTION:
    SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
