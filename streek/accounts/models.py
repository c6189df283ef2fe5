"""People and the roles they hold: in organisations, in municipalities, on the platform."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from .choices import MembershipRole
from .scopes import default_rate_limit, validate_scopes


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

    # Not a field: set on the request's user when it acts through an API token. The reads of its roles
    # (accounts.selectors) then see only this organisation, and never platform-admin or officer rights.
    api_organisation_id: int | None = None

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


class ApiToken(BaseModel):
    """A key an organisation gives a program to use the API for it: `strk_<prefix>_<secret>`, shown once.

    Only the SHA-256 of the whole token is stored (tokens are 32 random bytes, so a fast hash is right);
    the prefix finds the row in one query and is shown in lists. The token acts for its organisation only,
    with the rights its creator holds there, narrowed to its scopes (docs/adr/0008-api-tokens.md).
    """

    organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=120)
    prefix = models.CharField(_("prefix"), max_length=8, unique=True)
    secret_hash = models.CharField(_("secret hash"), max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list, validators=[validate_scopes])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="api_tokens",
        verbose_name=_("created by"),
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    rate_limit = models.PositiveIntegerField(
        _("requests per minute"), default=default_rate_limit, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} (strk_{self.prefix})"
