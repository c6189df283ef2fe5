"""Tests: fast hashing, in-memory mail, tasks run at once."""

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STREEK_TILE_URL = ""
STREEK_MAP_GRID_CACHE_SECONDS = 0
# Tests must see their own data at once: no caching between requests.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
