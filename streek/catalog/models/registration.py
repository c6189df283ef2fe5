"""A request to register an organisation and its first user, waiting for a platform admin or officer."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import OrganisationKind, RegistrationStatus


class RegistrationRequest(BaseModel):
    """What an applicant told us about themselves and their organisation. Nothing exists until it is approved.

    The chosen password is kept only as a hash (the User gets that hash on approval).
    """

    applicant_name = models.CharField(_("your name"), max_length=150)
    applicant_email = models.EmailField(_("your email address"), max_length=150)  # it becomes the username
    password_hash = models.CharField(_("password hash"), max_length=128, editable=False)
    language = models.CharField(_("preferred language"), max_length=8, choices=settings.LANGUAGES, default="nl")
    kind = models.CharField(_("kind of organisation"), max_length=16, choices=OrganisationKind.choices)
    organisation_name = models.CharField(_("name of the organisation"), max_length=200)
    country = models.ForeignKey(
        "territory.Country", on_delete=models.PROTECT, related_name="+", verbose_name=_("country")
    )
    enterprise_number = models.CharField(
        _("enterprise number"), max_length=20, blank=True, help_text=_("KBO/BCE number (BE) or KvK number (NL).")
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10)
    locality = models.CharField(_("locality"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.PROTECT,
        related_name="registration_requests",
        verbose_name=_("municipality"),
    )
    email = models.EmailField(_("email of the organisation"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=RegistrationStatus.choices, default=RegistrationStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    rejection_reason = models.CharField(_("reason for rejection"), max_length=300, blank=True)
    organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation created"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user created"),
    )

    class Meta:
        verbose_name = _("registration request")
        verbose_name_plural = _("registration requests")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind=OrganisationKind.MUNICIPALITY),
                name="catalog_registrationrequest_not_municipality",
                violation_error_message=_("Municipalities cannot register themselves."),
            ),
        ]
        indexes = [models.Index(fields=["status", "municipality"])]

    def __str__(self) -> str:
        return f"{self.organisation_name} ({self.applicant_email})"
