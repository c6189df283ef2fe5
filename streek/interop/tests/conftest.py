"""Domain messages are asserted in English: the services translate at raise time into the active language.
No test resolves a host name over the network: socket.getaddrinfo answers from a table (tests/dns.py)."""

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from .dns import install_fake_dns


@pytest.fixture(autouse=True)
def english_messages() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Host names resolve from a table (tests/dns.py), never over the network; a test may add names."""
    return install_fake_dns(monkeypatch)


@pytest.fixture
def loopback_webhooks(settings: Any) -> None:
    """Webhooks may reach the loopback receiver of tests/loopback.py (STREEK_WEBHOOKS_ALLOW_LOOPBACK, off by default)."""
    settings.STREEK_WEBHOOKS_ALLOW_LOOPBACK = True
