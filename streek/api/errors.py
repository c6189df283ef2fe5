"""RFC 7807 problem details for every error the API returns.

Every error is served as `application/problem+json` with `type`, `title`, `status` and `detail` (and `errors`,
{field: message}, when the request names what to correct): 400, 401, 403, 404, 405, 409, 422, 429 and 500.
A 500 never shows the traceback; the exception is logged (and reaches Django's error reporting) instead.
"""

import json
import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled, ValidationError
from ninja.operation import PathView

from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused

PROBLEM_CONTENT_TYPE = "application/problem+json"

logger = logging.getLogger("streek.api")


def problem(
    api: NinjaAPI, request: HttpRequest, *, status: int, title: str, detail: str = "", **extra: Any
) -> HttpResponse:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status, "detail": detail or title}
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


def _titles() -> dict[int, str]:
    return {
        400: _("Bad request"),
        401: _("Unauthorized"),
        403: _("Forbidden"),
        404: _("Not found"),
        405: _("Method not allowed"),
        409: _("Conflict"),
        422: _("Invalid request"),
        429: _("Too many requests"),
        500: _("Server error"),
    }


def status_title(status: int) -> str:
    return _titles().get(status, _("Error"))


def values_refused(exc: DjangoValidationError, field: str = "request") -> ApplicationError:
    """A domain validation error as an ApplicationError naming each field (a 422 problem); errors that name no
    field are put on `field`."""
    if hasattr(exc, "error_dict"):
        errors = {(field if name == "__all__" else name): " ".join(msgs) for name, msgs in exc.message_dict.items()}
    else:
        errors = {field: " ".join(exc.messages)}
    detail = next(iter(errors.values()), _("Some values are not valid."))
    return ApplicationError(detail, extra={"errors": errors})


def register_handlers(api: NinjaAPI) -> None:
    problem_not_allowed()

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

    @api.exception_handler(Http404)
    def http_404(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem(api, request, status=404, title=_("Not found"), detail=_("There is nothing here."))

    @api.exception_handler(PermissionRefused)
    def refused(request: HttpRequest, exc: PermissionRefused) -> HttpResponse:
        return problem(api, request, status=403, title=_("Forbidden"), detail=str(exc.message))

    @api.exception_handler(PermissionDenied)
    def denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return problem(api, request, status=403, title=_("Forbidden"), detail=_("You may not do this."))

    @api.exception_handler(DjangoValidationError)
    def invalid_values(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        # A domain service refused the values (full_clean): 422 naming each field.
        refusal = values_refused(exc)
        return problem(
            api, request, status=422, title=_("Invalid request"), detail=str(refusal.message), **refusal.extra
        )

    @api.exception_handler(ApplicationError)
    def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
        # A refusal that names its bad parameters is an invalid request (422); any other is a bad request (400).
        if "errors" in exc.extra:
            return problem(api, request, status=422, title=_("Invalid request"), detail=str(exc.message), **exc.extra)
        return problem(api, request, status=400, title=_("Bad request"), detail=str(exc.message), **exc.extra)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem(api, request, status=401, title=_("Unauthorized"), detail=_("Log in to use this endpoint."))

    @api.exception_handler(AuthorizationError)
    def unauthorised(request: HttpRequest, exc: AuthorizationError) -> HttpResponse:
        return problem(api, request, status=403, title=_("Forbidden"), detail=_("You may not do this."))

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        response = problem(
            api, request, status=429, title=_("Too many requests"), detail=_("Too many requests; try again later.")
        )
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait))
        return response

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        title = status_title(exc.status_code)
        return problem(api, request, status=exc.status_code, title=title, detail=str(exc.message) or title)

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("Unhandled error in %s %s", request.method, request.path, exc_info=exc)
        return problem(api, request, status=500, title=_("Server error"), detail=_("Something went wrong on our side."))


def _problem_not_allowed(view: PathView) -> HttpResponse:
    allowed = sorted({method for operation in view.operations for method in operation.methods})
    body = {
        "type": "about:blank",
        "title": status_title(405),
        "status": 405,
        "detail": _("Allowed methods: %(methods)s.") % {"methods": ", ".join(allowed)},
    }
    response = HttpResponse(json.dumps(body), status=405, content_type=PROBLEM_CONTENT_TYPE)
    response["Allow"] = ", ".join(allowed)
    return response


def problem_not_allowed() -> None:
    """Answer a method a path does not have (405) with problem details and its `Allow` header.

    ninja answers 405 from each path's view itself, not through an exception handler, so its one hook is
    replaced (for every NinjaAPI of the process: they all speak problem details)."""
    PathView._not_allowed = _problem_not_allowed  # type: ignore[method-assign,assignment]
