"""Settings shared by every environment; each value that differs per deployment comes from the environment."""

import os
import tempfile
from pathlib import Path

import dj_database_url
import xstatic.pkg.leaflet
import xstatic.pkg.leaflet_markercluster
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("STREEK_SECRET_KEY", "")
DEBUG = env_bool("STREEK_DEBUG", False)
ALLOWED_HOSTS = env_list("STREEK_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("STREEK_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "streek.core",
    "streek.accounts",
    "streek.territory",
    "streek.catalog",
    "streek.market",
    "streek.orders",
    "streek.logistics",
    "streek.monitor",
    "streek.strategy",
    "streek.interop",
    "streek.web",
    "streek.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "streek.api.auth.ApiTokenMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "streek.web.context_processors.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("STREEK_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("STREEK_TIME_ZONE", "Europe/Brussels")

STATIC_URL = "/static/"
# Third-party JavaScript and CSS come from installed packages (XStatic), never copied into the repository.
STATICFILES_DIRS = [
    ("leaflet", xstatic.pkg.leaflet.BASE_DIR),
    ("leaflet-markercluster", xstatic.pkg.leaflet_markercluster.BASE_DIR),
]
STATIC_ROOT = Path(os.environ.get("STREEK_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("STREEK_MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("STREEK_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("STREEK_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("STREEK_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("STREEK_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("STREEK_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("STREEK_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("STREEK_DEFAULT_FROM_EMAIL", "Streek <noreply@localhost>")

CACHES = {
    "default": {
        "BACKEND": os.environ.get("STREEK_CACHE_BACKEND", "django.core.cache.backends.locmem.LocMemCache"),
        "LOCATION": os.environ.get("STREEK_CACHE_LOCATION", "streek"),
    },
    # Whole public responses of the directory (streek.core.response_cache): must be shared by all workers.
    "directory": {
        "BACKEND": os.environ.get("STREEK_RESPONSE_CACHE_BACKEND", "streek.core.file_cache.SampledCullFileCache"),
        "LOCATION": os.environ.get(
            "STREEK_RESPONSE_CACHE_LOCATION", os.path.join(tempfile.gettempdir(), "streek-response-cache")
        ),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("STREEK_RESPONSE_CACHE_MAX_ENTRIES", "5000"))},
    },
}

TASKS = {
    "default": {
        "BACKEND": os.environ.get("STREEK_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("STREEK_LOG_LEVEL", "WARNING")},
}

# Map tiles: OpenStreetMap by default; a region may point to its own tile server.
STREEK_TILE_URL = os.environ.get("STREEK_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
STREEK_TILE_ATTRIBUTION = os.environ.get(
    "STREEK_TILE_ATTRIBUTION",
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>',
)
# A sales point goes stale after this many days without verification.
STREEK_STALE_AFTER_DAYS = int(os.environ.get("STREEK_STALE_AFTER_DAYS", "365"))
# Licence of the open data the platform publishes.
STREEK_OPEN_DATA_LICENCE = os.environ.get("STREEK_OPEN_DATA_LICENCE", "CC-BY-4.0")
STREEK_OPEN_DATA_LICENCE_URL = os.environ.get(
    "STREEK_OPEN_DATA_LICENCE_URL", "https://creativecommons.org/licenses/by/4.0/"
)
STREEK_SITE_NAME = os.environ.get("STREEK_SITE_NAME", "Streek")
STREEK_PUBLIC_URL = os.environ.get("STREEK_PUBLIC_URL", "http://127.0.0.1:8000")
# Webhooks go to public addresses only; this lets them reach a receiver on a loopback address (tests, a developer's
# local receiver). Never set it in production.
STREEK_WEBHOOKS_ALLOW_LOOPBACK = env_bool("STREEK_WEBHOOKS_ALLOW_LOOPBACK", False)
# Map clusters at low zoom come from a grid of the whole territory cached this many seconds (0: no cache).
STREEK_MAP_GRID_CACHE_SECONDS = int(os.environ.get("STREEK_MAP_GRID_CACHE_SECONDS", "120"))
# Each worker keeps an index of the public points for the map (ADR 0011), rebuilt after every catalogue write and at
# least every this many seconds (0: off, every map answer queries the database).
STREEK_MAP_INDEX_SECONDS = int(os.environ.get("STREEK_MAP_INDEX_SECONDS", "120"))
# Anonymous pages and API answers of the directory are served from the "directory" cache for at most this many
# seconds (0: off); every write through the catalogue services makes them stale at once.
STREEK_RESPONSE_CACHE_SECONDS = int(os.environ.get("STREEK_RESPONSE_CACHE_SECONDS", "60"))

# Rate limits ("count/unit", unit s, m, h or d). Behind a reverse proxy set STREEK_TRUSTED_PROXY_COUNT so the
# client address is read from X-Forwarded-For.
STREEK_CHANGE_REPORT_RATE = os.environ.get("STREEK_CHANGE_REPORT_RATE", "5/h")
STREEK_REGISTRATION_RATE = os.environ.get("STREEK_REGISTRATION_RATE", "5/h")
# Default requests per minute of a new API token (each token may have its own limit).
STREEK_API_TOKEN_RATE = os.environ.get("STREEK_API_TOKEN_RATE", "120/m")
STREEK_TRUSTED_PROXY_COUNT = int(os.environ.get("STREEK_TRUSTED_PROXY_COUNT", "0"))

# Route planning (logistics): distances from an OSRM server when its URL is set, else haversine x circuity.
ROUTING_OSRM_URL = os.environ.get("STREEK_OSRM_URL", "")
ROUTING_TIME_LIMIT_SECONDS = float(os.environ.get("STREEK_ROUTING_TIME_LIMIT_SECONDS", "30"))
# Road distance / straight-line distance: about 1.2-1.4 for European road networks (Ballou, Rahardja and Sakai,
# "Selected country circuity factors for road and rail network design", Transportation Research A 36, 2002).
ROUTING_CIRCUITY = float(os.environ.get("STREEK_ROUTING_CIRCUITY", "1.3"))
ROUTING_SPEED_KMH = float(os.environ.get("STREEK_ROUTING_SPEED_KMH", "50"))
ROUTING_BIKE_SPEED_KMH = float(os.environ.get("STREEK_ROUTING_BIKE_SPEED_KMH", "15"))
# CO2 per km of a small diesel delivery van: the order of the UK government (DESNZ/DEFRA) "Greenhouse gas
# reporting: conversion factors", table "Delivery vehicles", diesel van class II (1.305-1.74 t), direct
# emissions, about 0.2 kg CO2e per km; read the current year's table before publishing figures.
ROUTING_CO2_KG_PER_KM = float(os.environ.get("STREEK_ROUTING_CO2_KG_PER_KM", "0.2"))
