"""Small helpers shared by the inventory views: guard refusals as HTTP errors, safe redirects, form errors."""

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

from streek.accounts.models import User
from streek.core.exceptions import NotFound, PermissionRefused

View = TypeVar("View", bound=Callable[..., HttpResponse])


def refusals_as_http(view: View) -> View:
    """NotFound from a guard becomes a 404, PermissionRefused a 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(error.message) from error
        except PermissionRefused as error:
            raise PermissionDenied(error.message) from error

    return wrapper  # type: ignore[return-value]


def signed_in_user(request: HttpRequest) -> User:
    """The user of a view behind login_required, typed as our User."""
    if not isinstance(request.user, User):
        raise PermissionDenied("sign in")
    return request.user


def redirect_back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Back to the page the action came from (?next= or the posted next), else to default."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(default)


def add_validation_errors(
    form: forms.BaseForm, error: ValidationError, *, field_map: dict[str, str] | None = None
) -> None:
    """Show a model's ValidationError on the form: per field where the form has the field, else on top."""
    field_map = field_map or {}
    if not hasattr(error, "error_dict"):
        for message in error.messages:
            form.add_error(None, message)
        return
    for name, messages in error.message_dict.items():
        target = field_map.get(name, name)
        for message in messages:
            form.add_error(target if target in form.fields else None, message)
