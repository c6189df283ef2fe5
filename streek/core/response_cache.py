"""Whole responses of public, anonymous GET requests, kept in a cache shared by every worker.

A namespace (e.g. "directory") groups the pages that show the same data. Each cache key holds the namespace's
current *generation*, a value that the services writing that data replace after their transaction commits
(`response_cache_invalidate`), so a write makes every page of the namespace stale at once, on every worker.
Entries also expire after `settings.STREEK_RESPONSE_CACHE_SECONDS` (0 turns the cache off), which bounds how old
time-dependent content ("open now") can be; a view whose answer changes at a known moment (a shop that closes at
the cycle's closing time) sets that moment with `response_cache_expires`, and its entry lives no longer. A view may
depend on several namespaces (the shop shows the trade's data and the catalogue's): its key holds the generation of
each, and a write to any of them makes it stale.

The cache is the alias `settings.STREEK_RESPONSE_CACHE_ALIAS` ("directory"); without that alias in
settings.CACHES (as in the test settings) nothing is cached. It must be shared by the workers (file-based, Redis,
Memcached, database), never per process (local memory), or a write would only reach one worker.

Only requests that carry nothing personal are served from or stored in the cache: GET or HEAD, no Authorization
header, no cookies other than the CSRF and language cookies. Everyone else (logged-in officers and producers,
visitors with a session or pending messages) always gets a freshly rendered response. The key holds the language,
the scheme and host, the full path with its query string and the htmx headers the views read.

HTML pages hold a per-visitor CSRF token: views render `CSRF_PLACEHOLDER` instead of the token when
`uses_csrf_placeholder(request)` (see `csrf_context`), and the placeholder is replaced by the visitor's own token
on every answer, hit or miss (which also sets the visitor's CSRF cookie as usual).

Every answer of a decorated view says what happened in the `X-Streek-Cache` header: hit, miss or bypass.
"""

import hashlib
import math
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import wraps
from typing import Any, TypeVar, cast

from django.conf import settings
from django.core.cache import BaseCache, caches
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language

CACHE_HEADER = "X-Streek-Cache"
CSRF_PLACEHOLDER = "streek-csrf-placeholder-7d1e0c"
# Cookies that do not make a request personal: the CSRF cookie (its token is put in on every answer) and the
# language cookie (the language is part of the key).
NEUTRAL_COOKIES = ("csrftoken", "django_language")
# Request headers that change what the views answer (htmx asks for a fragment and names the page it is on).
KEY_HEADERS = ("HTTP_HX_REQUEST", "HTTP_HX_CURRENT_URL", "HTTP_HX_TARGET")
# Response headers kept with the body.
KEPT_HEADERS = ("Content-Type", "Content-Language", "Cache-Control", "Vary", "HX-Push-Url", "Content-Disposition")
_ATTRIBUTE = "_streek_response_cache"
_EXPIRES = "_streek_response_cache_expires"

ViewFunction = Callable[..., HttpResponseBase]
T = TypeVar("T")
_MISSING = object()


def _store() -> BaseCache | None:
    """The shared store of the generations (and of the answers when the cache is on)."""
    alias = getattr(settings, "STREEK_RESPONSE_CACHE_ALIAS", "directory")
    return caches[alias] if alias in settings.CACHES else None


def _cache() -> BaseCache | None:
    return _store() if _timeout() > 0 else None


def _timeout() -> int:
    return int(getattr(settings, "STREEK_RESPONSE_CACHE_SECONDS", 0))


def _generation_key(namespace: str) -> str:
    return f"response-cache:{namespace}:generation"


def _new_generation() -> str:
    # A fresh value rather than a counter: two writers at once cannot leave the same value behind.
    return f"{time.time_ns():x}"


def _generation(store: BaseCache, namespace: str) -> str:
    key = _generation_key(namespace)
    value = store.get(key)
    if value is None:
        value = _new_generation()
        if not store.add(key, value, timeout=None):
            value = store.get(key) or value
    return str(value)


def response_cache_invalidate(namespace: str) -> None:
    """Make every cached response of the namespace stale, once the current transaction commits (or now)."""

    def bump() -> None:
        store = _store()  # also with the cache off: per-process data keyed on the generation (the map index)
        if store is not None:
            store.set(_generation_key(namespace), _new_generation(), timeout=None)

    transaction.on_commit(bump)


def response_cache_generation(namespace: str) -> str | None:
    """The namespace's current generation, replaced by every committed write; None without a shared store.

    Per-process data derived from the namespace's data (e.g. the map index of the directory) is valid as long as
    the generation it was built for is the current one.
    """
    store = _store()
    return None if store is None else _generation(store, namespace)


def generation_cached(
    name: str,
    namespaces: Sequence[str],
    parts: Sequence[object],
    compute: Callable[[], T],
    *,
    expires: Callable[[T], datetime] | None = None,
) -> T:
    """A value computed from the data of `namespaces` (`compute()`, for the arguments in `parts`), shared by the
    workers until a write to one of those namespaces commits, and at most the cache's lifetime.

    For the part of a personal page that is the same for everyone who asks the same (a page of a shop's catalogue
    on one channel's terms, shown to every signed-in buyer on that channel): the page itself is rendered per
    request, the value comes from here. Without the cache (lifetime 0, or no shared store) it is computed every
    time. The value must pickle; `parts` must identify it fully (their repr is hashed into the key). `expires`:
    the moment the computed value stops being true (an open cycle's closing time); a value whose moment has come
    is not kept.
    """
    store = _cache()
    if store is None:
        return compute()
    generations = ".".join(_generation(store, namespace) for namespace in namespaces)
    digest = hashlib.sha256(repr(tuple(parts)).encode()).hexdigest()
    key = f"generation-cached:{name}:{generations}:{digest}"
    value = store.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        timeout = _timeout()
        if expires is not None:
            timeout = min(timeout, math.floor((expires(value) - timezone.now()).total_seconds()))
        if timeout > 0:
            store.set(key, value, timeout)
    return cast(T, value)


def is_anonymous_request(request: HttpRequest) -> bool:
    """A GET/HEAD that carries nothing personal: no credentials, no session, no messages."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return False
    neutral = {getattr(settings, "CSRF_COOKIE_NAME", "csrftoken"), getattr(settings, "LANGUAGE_COOKIE_NAME", "")}
    neutral.update(NEUTRAL_COOKIES)
    return all(name in neutral for name in request.COOKIES)


def uses_csrf_placeholder(request: HttpRequest) -> bool:
    return bool(getattr(request, _ATTRIBUTE, False))


def csrf_context(request: HttpRequest) -> dict[str, str]:
    """Context for a cached HTML page: the placeholder in place of the visitor's CSRF token (else nothing)."""
    return {"csrf_token": CSRF_PLACEHOLDER} if uses_csrf_placeholder(request) else {}


def response_cache_expires(request: HttpRequest, moment: datetime) -> None:
    """The answer being rendered for `request` changes at `moment`: a cached copy must not outlive it."""
    current = getattr(request, _EXPIRES, None)
    if current is None or moment < current:
        setattr(request, _EXPIRES, moment)


def _entry_timeout(request: HttpRequest) -> int:
    """Seconds the answer may be kept: the cache's lifetime, or less when the view named an earlier change."""
    timeout = _timeout()
    moment: datetime | None = getattr(request, _EXPIRES, None)
    if moment is not None:
        timeout = min(timeout, math.floor((moment - timezone.now()).total_seconds()))
    return timeout


def _key(request: HttpRequest, namespace: str, generation: str) -> str:
    parts = [
        request.method or "GET",
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        get_language() or "",
        *(request.META.get(name, "") for name in KEY_HEADERS),
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"response-cache:{namespace}:{generation}:{digest}"


def _personalise(request: HttpRequest, content: bytes) -> bytes:
    placeholder = CSRF_PLACEHOLDER.encode()
    if placeholder in content:
        content = content.replace(placeholder, get_token(request).encode())
    return content


def _from_entry(request: HttpRequest, entry: dict[str, Any]) -> HttpResponse:
    response = HttpResponse(_personalise(request, entry["content"]), status=entry["status"])
    for name, value in entry["headers"].items():
        response[name] = value
    return response


def _http_caching(response: HttpResponse, timeout: int) -> None:
    """Headers for browsers and proxies: a page with a CSRF token is the visitor's own (private); other answers
    may be kept by shared caches as long as ours, per language and never for requests with cookies or credentials.
    """
    patch_vary_headers(response, ("Accept-Language", "Cookie", "Authorization"))
    if CSRF_PLACEHOLDER.encode() in response.content:
        patch_cache_control(response, private=True, max_age=0)
    else:
        patch_cache_control(response, public=True, max_age=timeout)


def cache_anonymous_get(namespace: str, *also: str) -> Callable[[ViewFunction], ViewFunction]:
    """Serve the view's 200 answers to anonymous GETs from the shared cache of the namespace (see the module);
    `also` names further namespaces whose writes make the answers stale."""
    namespaces = (namespace, *also)

    def decorator(view: ViewFunction) -> ViewFunction:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            store = _cache()
            if store is None or not is_anonymous_request(request):
                response = view(request, *args, **kwargs)
                response[CACHE_HEADER] = "bypass"
                return response
            key = _key(request, namespace, ".".join(_generation(store, name) for name in namespaces))
            entry = store.get(key)
            if entry is not None:
                response = _from_entry(request, cast(dict[str, Any], entry))
                response[CACHE_HEADER] = "hit"
                return response
            setattr(request, _ATTRIBUTE, True)
            response = view(request, *args, **kwargs)
            timeout = _entry_timeout(request)
            if (
                timeout > 0
                and isinstance(response, HttpResponse)
                and response.status_code == 200
                and not response.cookies
                and not response.has_header("Set-Cookie")
                and "private" not in response.get("Cache-Control", "")
                and "no-store" not in response.get("Cache-Control", "")
            ):
                _http_caching(response, timeout)
                headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
                store.set(key, {"status": 200, "content": response.content, "headers": headers}, timeout)
            if isinstance(response, HttpResponse):
                response.content = _personalise(request, response.content)
            response[CACHE_HEADER] = "miss"
            return response

        return wrapped

    return decorator
