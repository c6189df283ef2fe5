"""RFC 7807 problem details for every error the API returns."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem(
    api: NinjaAPI, request: HttpRequest, *, status: int, title: str, detail: str = "", **extra: Any
) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def parameter_errors(errors: list[dict[str, Any]]) -> dict[str, str]:
    """Ninja's validation errors as {parameter name: message}, like the errors of the shared filter parser."""
    named: dict[str, str] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        name = location[-1] if location else "request"
        named.setdefault(name, str(error.get("msg", "")))
    return named


def register_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return problem(
            api,
            request,
            status=422,
            title=_("Invalid request"),
            detail=_("Some parameters are not valid."),
            errors=parameter_errors(list(exc.errors)),
        )

    @api.exception_handler(NotFound)
    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return problem(api, request, status=404, title=_("Not found"), detail=str(exc.message))

    @api.exception_handler(PermissionRefused)
    def refused(request: HttpRequest, exc: PermissionRefused) -> HttpResponse:
        return problem(api, request, status=403, title=_("Forbidden"), detail=str(exc.message))

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        # A refusal that names its bad parameters is an invalid request (422); any other is a bad request (400).
        if "errors" in exc.extra:
            return problem(api, request, status=422, title=_("Invalid request"), detail=str(exc.message), **exc.extra)
        return problem(api, request, status=400, title=_("Bad request"), detail=str(exc.message), **exc.extra)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem(api, request, status=401, title=_("Unauthorized"), detail=_("Log in to use this endpoint."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, status=exc.status_code, title=str(exc.message))
