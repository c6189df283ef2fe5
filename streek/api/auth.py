"""Authentication of the API: the browser's session, or an organisation's API token (`Authorization: Bearer ...`).

`api_auth(scope)` gives the `auth=` value of an endpoint: a token having the scope, or a signed-in session.
How it fits together (docs/adr/0008-api-tokens.md):

- `ApiTokenMiddleware` (settings.MIDDLEWARE, after Django's AuthenticationMiddleware) looks at every request
  under /api/ that sends `Authorization: Bearer ...`, public endpoints included: an unknown, revoked or
  expired token is a 401 problem with `WWW-Authenticate`; past the token's rate limit a 429 with
  `Retry-After`. A valid token becomes `request.api_token`, and `request.user` its creator restricted to the
  token's organisation (`User.api_organisation_id`): every guard reading roles through accounts.selectors
  then sees that organisation only, and no platform-admin or officer rights. A session cookie sent along is
  ignored.
- `TokenAuth(scope)` (first in `api_auth`) lets a token through when it has the scope (write implies read),
  else refuses with 403 naming the scope. `ScopedSessionAuth` lets a session through (never a token request).
- `token_allows_organisation(request, *ids)` is for endpoints reaching the creator's own things (their
  household basket and orders, the routes they drive): a token only reaches those of its organisation.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer, SessionAuth

from streek.accounts.models import ApiToken, User
from streek.accounts.scopes import has_scope
from streek.accounts.selectors import api_token_authenticate
from streek.accounts.services.api_tokens import api_token_touch
from streek.core.exceptions import NotFound, PermissionRefused
from streek.core.rate_limit import RateLimit, hit

PROBLEM_CONTENT_TYPE = "application/problem+json"
API_PATH = "/api/"
REALM = 'Bearer realm="Streek API"'
RATE_WINDOW_SECONDS = 60


# --- the token behind a request ------------------------------------------------------------------------------------


def bearer_token(request: HttpRequest) -> str | None:
    """The token of an `Authorization: Bearer <token>` header ("" for an empty one), None without one."""
    scheme, _sep, value = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return value.strip()


def request_token(request: HttpRequest) -> ApiToken | None:
    """The API token the request authenticated with (set by ApiTokenMiddleware or TokenAuth)."""
    token = getattr(request, "api_token", None)
    return token if isinstance(token, ApiToken) else None


def act_for_token(request: HttpRequest, token: ApiToken) -> User:
    """Make the request act as the token's creator, restricted to the token's organisation."""
    user = token.created_by
    assert user is not None  # noqa: S101 - api_token_authenticate refuses tokens without an active creator
    user.api_organisation_id = token.organisation_id
    request.api_token = token  # type: ignore[attr-defined]
    request.user = user
    return user


def token_organisation_id(request: HttpRequest) -> int | None:
    """The organisation a token request acts for (None in a session)."""
    token = request_token(request)
    return token.organisation_id if token is not None else None


def token_allows_organisation(request: HttpRequest, *organisation_ids: int | None) -> bool:
    """Whether the request may reach something of one of these organisations: always in a session; with a token
    only when one of them is the token's organisation."""
    token = request_token(request)
    return token is None or token.organisation_id in organisation_ids


def require_token_organisation(request: HttpRequest, *organisation_ids: int | None, what: str) -> None:
    """404 (`what` unknown) when a token request reaches something of none of the token's organisation."""
    if not token_allows_organisation(request, *organisation_ids):
        raise NotFound(what)


# --- problem responses outside ninja -------------------------------------------------------------------------------


def problem_response(*, status: int, title: str, detail: str, headers: dict[str, str]) -> HttpResponse:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    response = JsonResponse(body, status=status, content_type=PROBLEM_CONTENT_TYPE)
    for name, value in headers.items():
        response[name] = value
    return response


def invalid_token_response() -> HttpResponse:
    return problem_response(
        status=401,
        title=_("Unauthorized"),
        detail=_("The API token is not valid: unknown, revoked or expired."),
        headers={"WWW-Authenticate": f'{REALM}, error="invalid_token"'},
    )


def rate_limited_response(*, limit: int, retry_after: int) -> HttpResponse:
    return problem_response(
        status=429,
        title=_("Too many requests"),
        detail=_("This API token may make %(limit)s requests per minute. Try again in %(seconds)s seconds.")
        % {"limit": limit, "seconds": retry_after},
        headers={
            "Retry-After": str(retry_after),
            "X-RateLimit-Limit": str(limit),
            "X-RateLimit-Remaining": "0",
        },
    )


# --- middleware ----------------------------------------------------------------------------------------------------


class ApiTokenMiddleware:
    """Authenticates and rate-limits every API request carrying a Bearer token (see the module's docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PATH):
            return self.get_response(request)
        raw = bearer_token(request)
        if raw is None:
            return self.with_challenge(self.get_response(request))
        token = api_token_authenticate(raw=raw)
        if token is None:
            return invalid_token_response()
        decision = hit(
            scope="api-token",
            key=str(token.pk),
            rate=RateLimit(limit=token.rate_limit, window_seconds=RATE_WINDOW_SECONDS),
        )
        if not decision.allowed:
            return rate_limited_response(limit=token.rate_limit, retry_after=decision.retry_after)
        api_token_touch(token=token)
        act_for_token(request, token)
        response = self.with_challenge(self.get_response(request))
        response["X-RateLimit-Limit"] = str(token.rate_limit)
        response["X-RateLimit-Remaining"] = str(decision.remaining)
        return response

    @staticmethod
    def with_challenge(response: HttpResponse) -> HttpResponse:
        """A 401 of the API says how to authenticate (RFC 9110: a 401 carries WWW-Authenticate)."""
        if response.status_code == 401 and not response.has_header("WWW-Authenticate"):
            response["WWW-Authenticate"] = REALM
        return response


# --- ninja authentication ------------------------------------------------------------------------------------------


class TokenAuth(HttpBearer):
    """An API token having `scope`; 403 naming the scope when it lacks it."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = request_token(request)
        if api_token is None:  # an API mounted without ApiTokenMiddleware: authenticate here (no rate limit)
            found = api_token_authenticate(raw=token)
            if found is None:
                raise AuthenticationError()
            api_token = found
            act_for_token(request, api_token)
        if not has_scope(list(api_token.scopes), self.scope):
            raise PermissionRefused(
                _("This API token does not have the scope %(scope)s.") % {"scope": self.scope},
            )
        return request.user


class ScopedSessionAuth(SessionAuth):
    """A signed-in session; `scope` (e.g. "orders:write") applies to tokens only."""

    def __init__(self, scope: str) -> None:
        super().__init__()
        self.scope = scope

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        if request_token(request) is not None:
            return None
        return super().authenticate(request, key)


def api_auth(scope: str) -> list[Any]:
    """The `auth=` of an endpoint needing `scope` ("<domain>:read" or "<domain>:write")."""
    return [TokenAuth(scope), ScopedSessionAuth(scope)]


# --- OpenAPI -------------------------------------------------------------------------------------------------------

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
SECURITY_SCHEME = TokenAuth.__name__  # how ninja names the bearer scheme in the document


def _problem_response(description: str, headers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    response: dict[str, Any] = {"description": description, "content": {PROBLEM_CONTENT_TYPE: {"schema": PROBLEM_REF}}}
    if headers:
        response["headers"] = headers
    return response


def _header(description: str, schema_type: str) -> dict[str, Any]:
    return {"description": description, "schema": {"type": schema_type}}


def token_responses() -> dict[int, dict[str, Any]]:
    """What ApiTokenMiddleware and TokenAuth answer besides the endpoint itself (RFC 7807 problem details)."""
    return {
        401: _problem_response(
            "Unauthorized: no valid API token (unknown, revoked or expired) and no signed-in session.",
            {"WWW-Authenticate": _header('The scheme to use: `Bearer realm="Streek API"`.', "string")},
        ),
        403: _problem_response("Forbidden: the API token lacks the scope, or the caller may not do this.", {}),
        429: _problem_response(
            "Too many requests: past the API token's rate limit (requests per minute).",
            {
                "Retry-After": _header("Seconds until the rate limit's window ends.", "integer"),
                "X-RateLimit-Limit": _header("Requests per minute the token may make.", "integer"),
                "X-RateLimit-Remaining": _header("Requests left in the current window (0).", "integer"),
            },
        ),
    }


def document_token_responses(schema: dict[str, Any]) -> dict[str, Any]:
    """Declare 401, 403 and 429 (problem details, with their headers) on every operation an API token may call.

    A response the route declares itself keeps its description and schema; it gains the problem media type and
    the headers."""
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            if not isinstance(operation, dict):
                continue
            if not any(SECURITY_SCHEME in requirement for requirement in operation.get("security", ())):
                continue
            responses = operation.setdefault("responses", {})
            for status, documented in token_responses().items():
                declared = responses.get(status, responses.get(str(status)))
                if declared is None:
                    responses[status] = documented
                    continue
                declared.setdefault("content", {}).setdefault(PROBLEM_CONTENT_TYPE, {"schema": PROBLEM_REF})
                if "headers" in documented:
                    declared.setdefault("headers", {}).update(documented["headers"])
    return schema
