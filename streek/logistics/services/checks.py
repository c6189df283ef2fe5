"""Checks shared by the logistics services: who may change a hub's fleet and plans, and model validation.

The interfaces guard first (access.py); the services check the role again, so a service called from a
command, a task or the API refuses the same way.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from streek.accounts.selectors import Actor
from streek.core.exceptions import ApplicationError, PermissionRefused
from streek.orders.access import is_editor


def require_hub_editor(*, actor: Actor, hub_ids: Iterable[int]) -> None:
    """Refuse unless the actor is an owner or manager of one of these hubs (or a platform admin)."""
    if not any(is_editor(actor=actor, organisation_id=hub_id) for hub_id in hub_ids):
        raise PermissionRefused(_("Only the hub's owners and managers may change this."))


def reject_unknown_fields(fields: dict[str, Any], allowed: frozenset[str]) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise ApplicationError(
            _("These fields cannot be set here: %(fields)s.") % {"fields": ", ".join(unknown)},
            extra={"field": unknown[0]},
        )


def clean(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """full_clean() as one ApplicationError naming the first wrong field."""
    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as error:
        parts: list[str] = []
        fields: list[str] = []
        for name, messages in error.message_dict.items():
            label = ""
            if name != "__all__":
                fields.append(name)
                label = str(getattr(obj._meta.get_field(name), "verbose_name", name))
            parts.extend(f"{label}: {message}" if label else str(message) for message in messages)
        raise ApplicationError(" ".join(parts), extra={"field": fields[0] if fields else ""}) from error
