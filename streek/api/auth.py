"""Authentication of the API: the browser's session, or an organisation's API token (`Authorization: Bearer ...`).

`api_auth(scope)` gives the `auth=` value of an endpoint. The token part (hashed tokens with scopes and a rate
limit per token, streek/accounts) is filled in by the API-token work; until then only sessions authenticate.
"""

from typing import Any

from django.http import HttpRequest
from ninja.security import SessionAuth


class ScopedSessionAuth(SessionAuth):
    """A signed-in session; `scope` (e.g. "orders:write") applies to tokens only."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        return super().authenticate(request, key)


def api_auth(scope: str) -> list[Any]:
    """The `auth=` of an endpoint needing `scope` ("<domain>:read" or "<domain>:write")."""
    return [ScopedSessionAuth(scope)]
