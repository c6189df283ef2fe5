"""Reads on people and their roles."""

from django.contrib.auth.models import AnonymousUser

from .choices import EDITOR_ROLES
from .models import Membership, OfficerAssignment, User

Actor = User | AnonymousUser


def officer_municipality_ids(*, actor: Actor) -> set[int]:
    """Municipalities whose inventory the actor keeps (empty for anyone who is not an officer)."""
    if not actor.is_authenticated:
        return set()
    return set(OfficerAssignment.objects.filter(user_id=actor.pk).values_list("municipality_id", flat=True))


def organisation_ids(*, actor: Actor, editors_only: bool = False) -> set[int]:
    """Organisations the actor is a member of (with an editing role when editors_only)."""
    if not actor.is_authenticated:
        return set()
    qs = Membership.objects.filter(user_id=actor.pk)
    if editors_only:
        qs = qs.filter(role__in=EDITOR_ROLES)
    return set(qs.values_list("organisation_id", flat=True))


def is_platform_admin(*, actor: Actor) -> bool:
    return bool(actor.is_authenticated and actor.is_active and actor.is_superuser)
