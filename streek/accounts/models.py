"""People and the roles they hold: in organisations, in municipalities, on the platform."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from .choices import MembershipRole


class User(AbstractUser):
    """A person who signs in. Platform admins are superusers."""

    email = models.EmailField(_("email address"), blank=True)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default="nl", blank=True
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_platform_admin(self) -> bool:
        return bool(self.is_active and self.is_superuser)


class Membership(BaseModel):
    """A user's role in an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    role = models.CharField(_("role"), max_length=16, choices=MembershipRole.choices, default=MembershipRole.STAFF)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation_id", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="accounts_membership_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation} ({self.role})"


class OfficerAssignment(BaseModel):
    """A municipal officer keeps the inventory of one municipality (a user may hold several)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="officer_assignments",
        verbose_name=_("user"),
    )
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.CASCADE,
        related_name="officer_assignments",
        verbose_name=_("municipality"),
    )
    department = models.CharField(_("department"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("officer assignment")
        verbose_name_plural = _("officer assignments")
        ordering = ["municipality_id", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "municipality"], name="accounts_officer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.municipality}"
