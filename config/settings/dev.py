"""Development: the embedded SQLite database, debug on, mail to the console."""

import os

os.environ.setdefault("STREEK_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Edits (also through the admin) show at once while developing; set it to measure the response cache.
os.environ.setdefault("STREEK_RESPONSE_CACHE_SECONDS", "0")
os.environ.setdefault("STREEK_MAP_INDEX_SECONDS", "0")

from .base import *  # noqa: E402,F403
from .base import env_bool  # noqa: E402

DEBUG = env_bool("STREEK_DEBUG", True)
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-change-me"  # noqa: F405
