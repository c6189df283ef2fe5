"""Offers and requests on the market board: what an organisation has, what an organisation needs."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from streek.core.models import BaseModel

from ..choices import PostStatus, Recurrence

# The largest maximum distance a request may ask for: it bounds the search for candidates.
MAX_DISTANCE_KM = 250


class Post(BaseModel):
    """The fields an offer and a request share: what, how much, how often, when, where, labels, preparation."""

    organisation = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.CASCADE,
        related_name="market_%(class)ss",
        verbose_name=_("organisation"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("What it is, in your words."))
    description = models.TextField(_("description"), blank=True)
    product_type = models.ForeignKey(
        "catalog.Concept",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": "product_type"},
        verbose_name=_("product type"),
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=12, decimal_places=3, validators=[MinValueValidator(Decimal("0.001"))]
    )
    unit = models.ForeignKey(
        "catalog.Concept",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"scheme": "measure"},
        verbose_name=_("unit"),
    )
    recurrence = models.CharField(
        _("recurrence"),
        max_length=16,
        choices=Recurrence.choices,
        default=Recurrence.ONCE,
        help_text=_("Once, or the quantity again every week, two weeks or month."),
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True, help_text=_("Empty: no end date."))
    place_name = models.CharField(_("place"), max_length=200, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality"),
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    labels = models.ManyToManyField(
        "catalog.Concept",
        related_name="labelled_market_%(class)ss",
        blank=True,
        limit_choices_to={"scheme": "facet"},
        verbose_name=_("labels"),
    )
    spec = models.JSONField(_("preparation"), default=list, blank=True, help_text=_("Washed, cut, packed..."))
    status = models.CharField(_("status"), max_length=16, choices=PostStatus.choices, default=PostStatus.ACTIVE)
    expires_at = models.DateTimeField(_("expires at"))
    matched_at = models.DateTimeField(_("last matched at"), null=True, blank=True)
    source_reference = models.CharField(
        _("external reference"),
        max_length=120,
        blank=True,
        help_text=_("Set when the post was made by another part of the platform, e.g. unsold stock of a cycle."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.title

    @property
    def is_active(self) -> bool:
        return self.status == PostStatus.ACTIVE


def _post_constraints(prefix: str) -> list[models.BaseConstraint]:
    return [
        models.CheckConstraint(condition=Q(quantity__gt=0), name=f"{prefix}_quantity_positive"),
        models.CheckConstraint(
            condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name=f"{prefix}_period_order"
        ),
        models.CheckConstraint(condition=Q(lat__gte=-90, lat__lte=90), name=f"{prefix}_lat_range"),
        models.CheckConstraint(condition=Q(lon__gte=-180, lon__lte=180), name=f"{prefix}_lon_range"),
        models.UniqueConstraint(
            fields=["organisation", "source_reference"],
            condition=~Q(source_reference=""),
            name=f"{prefix}_source_reference_unique",
        ),
    ]


def _post_indexes(prefix: str) -> list[models.Index]:
    return [
        # matching one post: the counterparts of a few product types within a box, found in the index alone
        models.Index(fields=["status", "product_type", "lat", "lon"], name=f"{prefix}_status_type_pos"),
        models.Index(fields=["status", "lat", "lon"], name=f"{prefix}_status_position"),
        models.Index(fields=["organisation", "status"], name=f"{prefix}_org_status"),
        models.Index(fields=["status", "expires_at"], name=f"{prefix}_status_expiry"),
    ]


class Offer(Post):
    """Produce an organisation offers: 50 kg of carrots a week from June to September, or a field surplus."""

    product = models.ForeignKey(
        "catalog.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="market_offers",
        verbose_name=_("product in the catalogue"),
    )
    price = models.DecimalField(
        _("price indication per unit, excl. VAT"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Empty: price on request."),
    )
    packaging = models.CharField(_("packaging"), max_length=200, blank=True, help_text=_("e.g. crates of 10 kg"))
    delivery_possible = models.BooleanField(_("delivery possible"), default=False, help_text=_("Else pickup only."))
    delivery_radius_km = models.PositiveSmallIntegerField(
        _("delivers within (km)"), null=True, blank=True, help_text=_("Empty: delivers anywhere asked.")
    )
    is_surplus = models.BooleanField(
        _("surplus"), default=False, help_text=_("A field surplus or unsold stock that must go soon.")
    )
    donation_allowed = models.BooleanField(
        _("may be donated"), default=False, help_text=_("Food banks may claim it for free.")
    )
    quantity_claimed = models.DecimalField(
        _("quantity claimed by food banks"), max_digits=12, decimal_places=3, default=Decimal("0")
    )

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["-created_at", "-id"]
        constraints = [
            *_post_constraints("market_offer"),
            models.CheckConstraint(condition=Q(price__isnull=True) | Q(price__gte=0), name="market_offer_price"),
            models.CheckConstraint(
                condition=Q(quantity_claimed__gte=0) & Q(quantity_claimed__lte=F("quantity")),
                name="market_offer_claimed_within_quantity",
            ),
        ]
        indexes = _post_indexes("market_offer")

    @property
    def price_on_request(self) -> bool:
        return self.price is None

    @property
    def quantity_available(self) -> Decimal:
        """What food banks may still claim."""
        return self.quantity - self.quantity_claimed


class Request(Post):
    """What a buyer needs: how much, how often, in which period, delivered where and when, from how far."""

    max_distance_km = models.PositiveSmallIntegerField(
        _("maximum distance (km)"), default=50, validators=[MinValueValidator(1), MaxValueValidator(MAX_DISTANCE_KM)]
    )
    needs_delivery = models.BooleanField(
        _("delivery wanted"), default=True, help_text=_("Else the buyer collects from the supplier.")
    )
    delivery_weekdays = models.JSONField(
        _("delivery days"), default=list, blank=True, help_text=_("Weekdays 0 (Monday) to 6 (Sunday).")
    )
    delivery_time_from = models.TimeField(_("delivery from"), null=True, blank=True)
    delivery_time_until = models.TimeField(_("delivery until"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget indication per unit, excl. VAT"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        ordering = ["-created_at", "-id"]
        constraints = [
            *_post_constraints("market_request"),
            models.CheckConstraint(condition=Q(budget__isnull=True) | Q(budget__gte=0), name="market_request_budget"),
            models.CheckConstraint(
                condition=Q(max_distance_km__gte=1, max_distance_km__lte=MAX_DISTANCE_KM),
                name="market_request_max_distance",
            ),
            models.CheckConstraint(
                condition=Q(delivery_time_from__isnull=True)
                | Q(delivery_time_until__isnull=True)
                | Q(delivery_time_until__gt=F("delivery_time_from")),
                name="market_request_delivery_window",
            ),
        ]
        indexes = _post_indexes("market_request")
