"""Checks shared by the trade services: who may change a hub's set-up, and well-formed moments.

The interfaces guard first (access.py); the services check the role again, so a service called from a
command, a form or the API refuses the same way. Refusals name the field in `extra["field"]`.
"""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from django_stubs_ext import StrOrPromise

from streek.accounts.selectors import Actor
from streek.core.exceptions import ApplicationError, PermissionRefused

from ..access import is_editor
from ..choices import CycleStatus
from ..models import OrderCycle


def require_editor(*, actor: Actor, organisation_id: int, message: StrOrPromise) -> None:
    """Refuse unless the actor is an owner or manager of the organisation (or a platform admin)."""
    if not is_editor(actor=actor, organisation_id=organisation_id):
        raise PermissionRefused(str(message))


def require_hub_editor(*, actor: Actor, hub_id: int) -> None:
    require_editor(
        actor=actor, organisation_id=hub_id, message=_("Only the hub's owners and managers may change this.")
    )


def require_aware(value: datetime, *, field: str, label: StrOrPromise) -> None:
    """A moment must carry its time zone."""
    if timezone.is_naive(value):
        raise ApplicationError(_("%(field)s needs a time zone.") % {"field": label}, extra={"field": field})


def field_label(model: type[models.Model], name: str) -> str:
    """The translated verbose name of a model field."""
    return str(getattr(model._meta.get_field(name), "verbose_name", name))


def validation_error(error: ValidationError, model: type[models.Model]) -> ApplicationError:
    """A model's full_clean error as one translated message naming the fields, e.g. 'name: This field ...'."""
    parts = []
    fields = []
    for name, messages in error.message_dict.items():
        label = ""
        if name != "__all__":
            fields.append(name)
            label = field_label(model, name)
        for message in messages:
            parts.append(f"{label}: {message}" if label else str(message))
    return ApplicationError(" ".join(parts), extra={"field": fields[0] if fields else "", "fields": fields})


def clean(obj: models.Model, *, exclude: list[str] | None = None, validate_unique: bool = True) -> None:
    """full_clean, raised as an ApplicationError naming the fields."""
    try:
        obj.full_clean(exclude=exclude, validate_unique=validate_unique)
    except ValidationError as error:
        raise validation_error(error, type(obj)) from error


def require_cycle_editable(cycle: OrderCycle) -> None:
    """A closed or cancelled cycle is history: its set-up no longer changes."""
    if cycle.status in (CycleStatus.CLOSED, CycleStatus.CANCELLED):
        raise ApplicationError(
            _("The cycle %(name)s is %(status)s: it can no longer be changed.")
            % {"name": cycle.name, "status": cycle.get_status_display().lower()},
            extra={"field": "cycle"},
        )
