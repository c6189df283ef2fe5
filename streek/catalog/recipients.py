"""Who receives an organisation's email, and in which language: shared by the apps that write to organisations
(orders, market)."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from streek.accounts.choices import EDITOR_ROLES
from streek.accounts.models import Membership, User

from .models import Organisation


@dataclass(frozen=True)
class Recipient:
    email: str
    language: str
    name: str


def recipient_language(code: str | None) -> str:
    """The code when the site speaks it, else the site's default language."""
    known = {code for code, _name in settings.LANGUAGES}
    return code if code in known else settings.LANGUAGE_CODE


def user_recipient(user: User) -> Recipient | None:
    if not user.email:
        return None
    return Recipient(email=user.email, language=recipient_language(user.language), name=str(user))


def organisation_recipients(*, organisation_ids: Iterable[int]) -> dict[int, list[Recipient]]:
    """The owners and managers with an email address of each organisation; else the organisation's own address."""
    ids = set(organisation_ids)
    found: dict[int, list[Recipient]] = defaultdict(list)
    memberships = (
        Membership.objects.filter(organisation_id__in=ids, role__in=EDITOR_ROLES, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("organisation_id", "user_id")
    )
    for membership in memberships:
        recipient = user_recipient(membership.user)
        if recipient is not None:
            found[membership.organisation_id].append(recipient)
    missing = ids - set(found)
    for organisation in Organisation.objects.filter(pk__in=missing).exclude(email="").only("pk", "name", "email"):
        found[organisation.pk].append(
            Recipient(email=organisation.email, language=settings.LANGUAGE_CODE, name=organisation.name)
        )
    return dict(found)
