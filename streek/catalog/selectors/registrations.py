"""Reads on registration requests: what a reviewer may decide."""

from django.db.models import QuerySet

from streek.accounts.selectors import Actor, is_platform_admin, officer_municipality_ids

from ..choices import RegistrationStatus
from ..models import RegistrationRequest


def registration_request_list_pending(*, actor: Actor) -> QuerySet[RegistrationRequest]:
    """Pending requests the actor may decide, oldest first: all for platform admins, their municipalities' for
    officers, none for anyone else. One query whatever the number of requests."""
    qs = RegistrationRequest.objects.filter(status=RegistrationStatus.PENDING).select_related("municipality", "country")
    if not is_platform_admin(actor=actor):
        qs = qs.filter(municipality_id__in=officer_municipality_ids(actor=actor))
    return qs.order_by("created_at", "pk")


def registration_request_pending_count(*, actor: Actor) -> int:
    return registration_request_list_pending(actor=actor).count()
