import pytest
from django.core.cache import cache
from django.test import override_settings

from streek.core.rate_limit import RateLimit, hit

LOCAL_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rate-unit"}}


def test_rates_are_parsed_with_their_unit() -> None:
    assert RateLimit.parse("5/h") == RateLimit(limit=5, window_seconds=3600)
    assert RateLimit.parse("60/m") == RateLimit(limit=60, window_seconds=60)
    assert RateLimit.parse("1000/d") == RateLimit(limit=1000, window_seconds=86400)


@override_settings(CACHES=LOCAL_CACHE)
def test_attempts_beyond_the_limit_are_refused_per_key() -> None:
    cache.clear()
    rate = RateLimit(limit=2, window_seconds=60)

    decisions = [hit(scope="t", key="a", rate=rate).allowed for _ in range(3)]
    other = hit(scope="t", key="b", rate=rate)

    assert decisions == [True, True, False]
    assert other.allowed and other.remaining == 1
    assert 0 < hit(scope="t", key="a", rate=rate).retry_after <= 60


@pytest.mark.parametrize("text", ["x/h", "5/w"])
def test_a_malformed_rate_is_an_error(text: str) -> None:
    with pytest.raises((ValueError, KeyError)):
        RateLimit.parse(text)
