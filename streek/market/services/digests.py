"""Writes on the daily match digest: a member opts in or out for an organisation; a sent digest is marked."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.catalog.models import Organisation
from streek.core.exceptions import PermissionRefused

from ..models import DigestSubscription


@transaction.atomic
def digest_subscribe(*, user: User, organisation: Organisation) -> DigestSubscription:
    """Opt in to the daily email of the organisation's new matches (members only); new matches count from now."""
    if not user.memberships.filter(organisation=organisation).exists():
        raise PermissionRefused(_("Only members of the organisation receive its digest."))
    subscription, created = DigestSubscription.objects.get_or_create(
        user=user, organisation=organisation, defaults={"last_sent_at": timezone.now()}
    )
    if not created and not subscription.is_active:
        subscription.is_active = True
        subscription.last_sent_at = timezone.now()
        subscription.save(update_fields=["is_active", "last_sent_at", "updated_at"])
    return subscription


@transaction.atomic
def digest_unsubscribe(*, user: User, organisation: Organisation) -> None:
    DigestSubscription.objects.filter(user=user, organisation=organisation).update(
        is_active=False, updated_at=timezone.now()
    )


def digest_mark_sent(*, subscription: DigestSubscription, sent_at: datetime) -> DigestSubscription:
    """The digest with the matches up to `sent_at` went out."""
    DigestSubscription.objects.filter(pk=subscription.pk).update(last_sent_at=sent_at, updated_at=timezone.now())
    subscription.last_sent_at = sent_at
    return subscription
