"""Django settings: production-safe by default, SQLite unless DATABASE_URL is set.

Without any environment the app runs with debug off, a secret key generated once into
``$ILS_VAR/secret_key`` and plain HTTP only while every allowed host is loopback (the demo of
`make run`). ``ILS_DEBUG=1`` is for development on this machine only: requests from any other
address are refused (``web.middleware.LoopbackOnlyInDebug``). README, "Configuration", lists the
production environment that `ils check --deploy` passes with.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("ILS_VAR", BASE_DIR / "var"))
# The key earlier versions shipped as their default: public, so never accepted.
PUBLIC_SECRET_KEYS = {"dev-only-not-secret", ""}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]", "testserver"}


def _flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in ("1", "true", "yes", "on")


def _local_secret_key() -> str:
    """A random key kept beside the database, made on first start (mode 0600); every process of
    this installation reads the same one. Written aside and linked into place, so a process
    starting at the same moment never reads a half-written key."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        draft = VAR_DIR / f".secret_key.{os.getpid()}"
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(50))
        try:
            os.link(draft, path)
        except FileExistsError:
            pass  # another process was first: its key it is
        finally:
            draft.unlink()
    return path.read_text().strip()


def _secret_key() -> str:
    key = os.environ.get("ILS_SECRET_KEY")
    if key is None:
        return _local_secret_key()
    if key.strip() in PUBLIC_SECRET_KEYS or len(key) < 50:
        raise ImproperlyConfigured("ILS_SECRET_KEY är publik eller för kort: ange minst 50 slumpmässiga tecken "
                                   "(till exempel python -c 'import secrets; print(secrets.token_urlsafe(50))').")
    return key


DEBUG = _flag("ILS_DEBUG")
SECRET_KEY = _secret_key()
if DEBUG:
    ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
else:
    ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ILS_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
                     if h.strip()]
# Demo mode: `ils demo` may create the demo users with the passwords the README lists.
DEMO = _flag("ILS_DEMO")

# HTTPS: on as soon as the app answers to a name other than this machine's, unless told otherwise.
HTTPS = _flag("ILS_HTTPS", default=not DEBUG and not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("ILS_HSTS_SECONDS", 365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = _flag("ILS_HSTS_PRELOAD", default=True)
if _flag("ILS_BEHIND_PROXY"):
    # Only behind a proxy that sets this header itself (and removes a client's own).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Django's own Content-Security-Policy: our pages load scripts and styles from our origin only.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Report exports as HTML are self-contained files (their CSS inside them, no scripts at all).
STANDALONE_DOCUMENT_CSP = {"default-src": [CSP.NONE], "style-src": [CSP.UNSAFE_INLINE], "img-src": ["data:"],
                           "base-uri": [CSP.NONE], "form-action": [CSP.NONE], "frame-ancestors": [CSP.NONE]}

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "ils.persistence",
    "ils.web",
    "ils.api",
    "ils.search",
    "ils.city",
]

MIDDLEWARE = [
    "ils.web.middleware.LoopbackOnlyInDebug",
    "django.middleware.security.SecurityMiddleware",
    "ils.web.middleware.RefuseLargeBodies",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ils.web.middleware.RejectNulCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ils.web.middleware.IdleSessionTimeout",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ils.web.urls"
WSGI_APPLICATION = "ils.web.wsgi.application"

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
    ]},
}]


def _database() -> dict:
    if url := os.environ.get("DATABASE_URL"):
        return dj_database_url.parse(url, conn_max_age=60)
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "ils.sqlite3",
        # IMMEDIATE transactions and WAL: concurrent writers wait instead of failing.
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;",
                    "timeout": 20},
    }


DATABASES = {"default": _database()}
# Per process: rendered report bodies (views.report), keyed by report revision and rights.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "ils",
                      "OPTIONS": {"MAX_ENTRIES": 200}}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = False  # numbers are formatted by ils_format (years must stay "2024")

# Accounts: Django's validators, a session that ends after ILS_SESSION_IDLE_MINUTES without a
# request (IdleSessionTimeout renews it), and django-axes refusing logins after repeated failures,
# per account and per address separately.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("ILS_LOGIN_FAILURES", 5))
AXES_COOLOFF_TIME = float(os.environ.get("ILS_LOGIN_COOLOFF_MINUTES", 15)) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if _flag("ILS_BEHIND_PROXY") else ["REMOTE_ADDR"]
SESSION_COOKIE_AGE = int(os.environ.get("ILS_SESSION_IDLE_MINUTES", 30)) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
API_TOKEN_DAYS = int(os.environ.get("ILS_API_TOKEN_DAYS", 90))

# Limits on what a request may carry: bodies (JSON, forms) and uploaded files.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_500_000
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 10

STATIC_URL = "static/"
STORAGES = {"default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"}}
STATIC_ROOT = VAR_DIR / "static"  # `ils collectstatic` fills it; WhiteNoise serves it
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True  # also serves files not yet collected (collectstatic adds compressed copies)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "start"

LOGGING = {
    "version": 1, "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ILS_LOG_LEVEL", "WARNING")},
}

# Uploaded bilagor (persistence.attachments), through Django's storage API: local files under
# var/media by default; point STORAGES["default"] at object storage in a deployment.
MEDIA_ROOT = Path(os.environ.get("ILS_MEDIA", VAR_DIR / "media"))
ILS_ATTACHMENT_MAX_BYTES = int(os.environ.get("ILS_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))
# A multipart body may carry the largest bilaga (RefuseLargeBodies judges it by its declared length).
MAX_UPLOAD_BYTES = max(MAX_UPLOAD_BYTES, ILS_ATTACHMENT_MAX_BYTES)
