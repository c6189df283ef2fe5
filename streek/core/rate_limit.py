"""Fixed-window rate limits over Django's cache: shared by every worker when the cache is shared (Redis).

`hit(scope=..., key=..., limit=5, window_seconds=3600)` counts one attempt and says whether it is allowed.
With a per-process cache (the default local-memory cache) each worker counts on its own, which still
bounds abuse; production with several servers sets a shared cache (see the README's settings table).
"""

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class RateLimit:
    limit: int
    window_seconds: int

    @classmethod
    def parse(cls, text: str) -> "RateLimit":
        """'5/h', '60/m', '1000/d' or '10/s'."""
        count, _, unit = text.partition("/")
        seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip() or "h"]
        return cls(limit=int(count), window_seconds=seconds)


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    remaining: int
    retry_after: int


def hit(*, scope: str, key: str, rate: RateLimit) -> RateDecision:
    """Count one attempt of `key` in `scope`; refused once more than `rate.limit` fall in the current window."""
    now = int(time.time())
    window = now // rate.window_seconds
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    cache_key = f"rate:{scope}:{digest}:{window}"
    cache.add(cache_key, 0, timeout=rate.window_seconds + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr, or a cache that keeps nothing (DummyCache)
        count = 1
    retry_after = (window + 1) * rate.window_seconds - now
    return RateDecision(allowed=count <= rate.limit, remaining=max(rate.limit - count, 0), retry_after=retry_after)
