"""RFC 7807 problem details for every error the API returns."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem(api: NinjaAPI, request: HttpRequest, *, status: int, title: str, detail: str = "", **extra: Any) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def register_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return problem(api, request, status=422, title="Invalid request", errors=exc.errors)

    @api.exception_handler(NotFound)
    def not_found(request: HttpRequest, exc: NotFound) -> HttpResponse:
        return problem(api, request, status=404, title="Not found", detail=str(exc.message))

    @api.exception_handler(PermissionRefused)
    def refused(request: HttpRequest, exc: PermissionRefused) -> HttpResponse:
        return problem(api, request, status=403, title="Forbidden", detail=str(exc.message))

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        return problem(api, request, status=400, title="Bad request", detail=str(exc.message), **exc.extra)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem(api, request, status=exc.status_code, title=str(exc.message))
