"""Matches between offers and requests, with the score explained per criterion, and the digest opt-in."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import AgreementKind, MatchStatus
from .breakdown import BreakdownField


class Match(BaseModel):
    """An offer and a request that fit, with a score from 0 to 1 and one breakdown entry per criterion.

    `breakdown` maps a criterion (MatchCriterion) to [score 0-1, weight, explanation code] plus a fourth item,
    the explanation's parameters, when it has any (a compact form: a full re-match writes millions of rows);
    `selectors.matches.match_explanation` renders it in the active language. It is stored as compact text
    (models/breakdown.py), read back as that dict.
    A match is derived data that a re-match writes by the million: its indexes are few (the pair, which also
    serves an offer's list, and the request's list) and its post references are not database foreign keys
    (checking them doubled the time of a bulk write; see docs/adr/0006-matching-engine.md). Deleting a post
    through the ORM still deletes its matches (on_delete=CASCADE is applied by Django).
    """

    offer = models.ForeignKey(
        "market.Offer",
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("offer"),
        db_index=False,
        db_constraint=False,
    )
    request = models.ForeignKey(
        "market.Request",
        on_delete=models.CASCADE,
        related_name="matches",
        verbose_name=_("request"),
        db_index=False,
        db_constraint=False,
    )
    score = models.FloatField(_("score"))
    distance_km = models.FloatField(_("distance (km)"))
    breakdown = BreakdownField(_("score per criterion"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MatchStatus.choices, default=MatchStatus.NEW)
    agreement_kind = models.CharField(_("agreement"), max_length=20, choices=AgreementKind.choices, blank=True)
    agreement_reference = models.CharField(
        _("agreement reference"), max_length=64, blank=True, help_text=_("The id of the order it became.")
    )
    agreed_at = models.DateTimeField(_("agreed at"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed by"),
        db_index=False,
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dismissed by"),
        db_index=False,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["offer", "request"], name="market_match_pair_unique"),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="market_match_score_range"),
            models.CheckConstraint(
                condition=~Q(status=MatchStatus.AGREED) | (~Q(agreement_kind="") & Q(agreed_at__isnull=False)),
                name="market_match_agreement_recorded",
            ),
        ]
        indexes = [
            # a counterpart's best scores, read index-only when a new post checks whose best K it enters
            models.Index(fields=["request", "-score"], name="market_match_request_score"),
            models.Index(fields=["offer", "-score"], name="market_match_offer_score"),
            models.Index(fields=["agreed_at"], condition=Q(status=MatchStatus.AGREED), name="market_match_agreed"),
        ]

    def __str__(self) -> str:
        return f"{self.offer_id} ↔ {self.request_id} ({self.score:.2f})"


class DigestSubscription(BaseModel):
    """A member who wants the daily email of new matches of an organisation (opt-in)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="market_digests",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.CASCADE,
        related_name="market_digests",
        verbose_name=_("organisation"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_sent_at = models.DateTimeField(_("last sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("match digest subscription")
        verbose_name_plural = _("match digest subscriptions")
        ordering = ["organisation_id", "user_id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="market_digest_user_organisation"),
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organisation}"
