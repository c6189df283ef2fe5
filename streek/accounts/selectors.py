"""Reads on people and their roles, and on the API tokens of organisations.

A user acting through an API token (`User.api_organisation_id` set by the API's authentication) holds its
roles in that organisation only: every guard built on these reads then refuses the other organisations.
"""

import hashlib
import hmac

from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.utils import timezone

from .choices import EDITOR_ROLES
from .models import ApiToken, Membership, OfficerAssignment, User

Actor = User | AnonymousUser

TOKEN_START = "strk_"  # noqa: S105 - the start of every token, not a secret
PREFIX_LENGTH = 8


def acting_organisation_id(*, actor: Actor) -> int | None:
    """The organisation an actor is restricted to (through an API token), None for a person in a session."""
    return getattr(actor, "api_organisation_id", None)


def officer_municipality_ids(*, actor: Actor) -> set[int]:
    """Municipalities whose inventory the actor keeps (empty for anyone who is not an officer)."""
    if not actor.is_authenticated or acting_organisation_id(actor=actor) is not None:
        return set()
    return set(OfficerAssignment.objects.filter(user_id=actor.pk).values_list("municipality_id", flat=True))


def organisation_ids(*, actor: Actor, editors_only: bool = False) -> set[int]:
    """Organisations the actor is a member of (with an editing role when editors_only)."""
    if not actor.is_authenticated:
        return set()
    qs = Membership.objects.filter(user_id=actor.pk)
    if editors_only:
        qs = qs.filter(role__in=EDITOR_ROLES)
    restricted = acting_organisation_id(actor=actor)
    if restricted is not None:
        qs = qs.filter(organisation_id=restricted)
    return set(qs.values_list("organisation_id", flat=True))


def is_platform_admin(*, actor: Actor) -> bool:
    restricted = acting_organisation_id(actor=actor) is not None
    return bool(actor.is_authenticated and actor.is_active and actor.is_superuser and not restricted)


def is_organisation_editor(*, actor: Actor, organisation_id: int) -> bool:
    """An owner or manager of the organisation (platform admins are not, unless they are members)."""
    return organisation_id in organisation_ids(actor=actor, editors_only=True)


def api_token_list(*, organisation_id: int) -> QuerySet[ApiToken]:
    """The organisation's tokens, newest first, with their creators."""
    return (
        ApiToken.objects.filter(organisation_id=organisation_id)
        .select_related("created_by")
        .order_by("-created_at", "-pk")
    )


def api_token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_prefix(raw: str) -> str | None:
    """The prefix of a well-formed token (`strk_<8 characters>_<secret>`), else None."""
    end = len(TOKEN_START) + PREFIX_LENGTH
    if not raw.startswith(TOKEN_START) or len(raw) < end + 2 or raw[end] != "_":
        return None
    return raw[len(TOKEN_START) : end]


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The token `raw` stands for when it is valid now (known, not revoked, not expired, its creator active).

    One query (by prefix, with the creator); the hashes are compared in constant time.
    """
    prefix = api_token_prefix(raw)
    if prefix is None:
        return None
    token = ApiToken.objects.select_related("created_by").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, api_token_hash(raw)):
        return None
    if token.revoked_at is not None or (token.expires_at is not None and token.expires_at <= timezone.now()):
        return None
    if token.created_by is None or not token.created_by.is_active:
        return None
    return token
