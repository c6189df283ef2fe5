"""Fixtures shared by every test: a real browser for the `browser` tests, PostgreSQL-only tests skipped elsewhere."""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgres` need row locks and other PostgreSQL behaviour: skip them on SQLite."""
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" in engine:
        return
    skip = pytest.mark.skip(reason="SKIPPED: needs PostgreSQL (set DATABASE_URL to a PostgreSQL server)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright, one per test session (per xdist worker)."""
    if not CHROMIUM.exists():
        pytest.skip(f"SKIPPED: Chromium not installed at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        pytest.skip("SKIPPED: Playwright is not installed")
    # Playwright's sync API keeps an event loop in this thread; the ORM calls the tests make
    # next to it are still synchronous, so Django's async guard must stand aside.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield launched
        finally:
            launched.close()


def _abort_unless_loopback(route: Any) -> None:
    host = urlsplit(route.request.url).hostname or ""
    if route.request.url.startswith(("data:", "blob:", "about:")) or host in LOOPBACK_HOSTS:
        route.continue_()
    else:
        route.abort()


@pytest.fixture
def browser_page(browser: Any) -> Iterator[Any]:
    """A fresh page (own cookies) that may only reach loopback addresses; use it with `live_server`."""
    context = browser.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    context.route("**/*", _abort_unless_loopback)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def response_cache_on() -> Iterator[None]:
    """The shared response cache turned on as in production (the test settings have none): a local-memory store
    under the `directory` alias, 60 s, empty before and after the test."""
    from django.core.cache import caches
    from django.test import override_settings

    cached = override_settings(
        CACHES={
            "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
            "directory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "test-responses"},
        },
        STREEK_RESPONSE_CACHE_SECONDS=60,
    )
    with cached:
        caches["directory"].clear()
        yield
        caches["directory"].clear()
