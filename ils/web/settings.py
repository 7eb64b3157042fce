"""Django settings: SQLite by default, PostgreSQL when DATABASE_URL is set."""
from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("ILS_VAR", BASE_DIR / "var"))

SECRET_KEY = os.environ.get("ILS_SECRET_KEY", "dev-only-not-secret")
DEBUG = os.environ.get("ILS_DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("ILS_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ils.persistence",
    "ils.web",
    "ils.api",
    "ils.search",
    "ils.city",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "ils.web.middleware.RejectNulCharacters",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
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

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "start"

# Uploaded bilagor (persistence.attachments), through Django's storage API: local files under
# var/media by default; point STORAGES["default"] at object storage in a deployment.
MEDIA_ROOT = Path(os.environ.get("ILS_MEDIA", VAR_DIR / "media"))
ILS_ATTACHMENT_MAX_BYTES = int(os.environ.get("ILS_ATTACHMENT_MAX_BYTES", 20 * 1024 * 1024))
