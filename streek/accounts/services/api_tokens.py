"""Creating, revoking and recording the use of an organisation's API tokens."""

import secrets
import string
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import ApiToken, User
from streek.accounts.scopes import normalised_scopes
from streek.accounts.selectors import TOKEN_START, api_token_hash, is_organisation_editor
from streek.core.exceptions import PermissionRefused

PREFIX_ALPHABET = string.ascii_lowercase + string.digits
SECRET_BYTES = 32
# last_used_at is written at most once per this interval (a busy token does not write on every request).
TOUCH_INTERVAL = timedelta(minutes=1)


@dataclass(frozen=True)
class IssuedToken:
    """A new token: the row, and the plain token to show once (it is never stored)."""

    token: ApiToken
    plain: str


def _new_prefix() -> str:
    for _attempt in range(5):
        prefix = "".join(secrets.choice(PREFIX_ALPHABET) for _i in range(8))
        if not ApiToken.objects.filter(prefix=prefix).exists():
            return prefix
    raise RuntimeError("no free token prefix")  # 36**8 prefixes: five collisions in a row do not happen


@transaction.atomic
def api_token_create(
    *,
    organisation_id: int,
    actor: User,
    name: str,
    scopes: list[str],
    expires_at: datetime | None = None,
    rate_limit: int | None = None,
) -> IssuedToken:
    """A new token for the organisation (its owners and managers): the plain token is returned once."""
    if not is_organisation_editor(actor=actor, organisation_id=organisation_id):
        raise PermissionRefused(_("Only the owners and managers of an organisation manage its API tokens."))
    prefix = _new_prefix()
    plain = f"{TOKEN_START}{prefix}_{secrets.token_urlsafe(SECRET_BYTES)}"
    token = ApiToken(
        organisation_id=organisation_id,
        name=name.strip(),
        prefix=prefix,
        secret_hash=api_token_hash(plain),
        scopes=normalised_scopes(scopes) if isinstance(scopes, list) else scopes,
        created_by=actor,
        expires_at=expires_at,
    )
    if rate_limit is not None:
        token.rate_limit = rate_limit
    token.full_clean()
    token.save()
    return IssuedToken(token=token, plain=plain)


@transaction.atomic
def api_token_revoke(*, token: ApiToken, actor: User) -> ApiToken:
    """Revoke a token at once (revoking it again changes nothing)."""
    if not is_organisation_editor(actor=actor, organisation_id=token.organisation_id):
        raise PermissionRefused(_("Only the owners and managers of an organisation manage its API tokens."))
    current = ApiToken.objects.select_for_update().get(pk=token.pk)
    if current.revoked_at is None:
        current.revoked_at = timezone.now()
        current.save(update_fields=["revoked_at", "updated_at"])
    return current


def api_token_touch(*, token: ApiToken, now: datetime | None = None) -> bool:
    """Record that the token was used, at most once a minute (one UPDATE, none within the minute)."""
    now = now or timezone.now()
    if token.last_used_at is not None and token.last_used_at > now - TOUCH_INTERVAL:
        return False
    updated = (
        ApiToken.objects.filter(pk=token.pk)
        .filter(Q(last_used_at__isnull=True) | Q(last_used_at__lte=now - TOUCH_INTERVAL))
        .update(last_used_at=now)
    )
    token.last_used_at = now
    return bool(updated)
