"""A fake resolver for the webhook tests: `socket.getaddrinfo` answers from a table, never from the network.

Numeric addresses resolve to themselves (so connections to the loopback receiver still work); names in the table to
their addresses; any other name fails as an unknown host.
"""

import ipaddress
import socket
from typing import Any

import pytest

PUBLIC = "93.184.216.34"  # a public (global) address; nothing is ever sent there: tests that send use loopback
NAMES: dict[str, list[str]] = {
    "erp.example.org": [PUBLIC],
    "new.example.org": [PUBLIC],
    "evil.example.org": [PUBLIC],
    "localhost": ["127.0.0.1"],
}


def fake_getaddrinfo(names: dict[str, list[str]]) -> Any:
    def getaddrinfo(host: str, port: Any, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0) -> Any:  # noqa: A002
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            if host.lower() not in names:
                raise socket.gaierror(socket.EAI_NONAME, "Name or service not known") from None
            addresses = names[host.lower()]
        port_number = int(port or 0)
        results: list[tuple[Any, ...]] = []
        for address in addresses:
            if ipaddress.ip_address(address).version == 6:
                results.append((socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port_number, 0, 0)))
            else:
                results.append((socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port_number)))
        return results

    return getaddrinfo


def install_fake_dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """socket.getaddrinfo from a table (returned: a test may add names) until the test ends."""
    names = {name: list(addresses) for name, addresses in NAMES.items()}
    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo(names))
    return names
