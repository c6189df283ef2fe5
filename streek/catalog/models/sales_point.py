"""Sales points of the short chain and their opening hours."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from streek.core.i18n import localised
from streek.core.models import BaseModel

from ..choices import SalesPointSource, SalesPointStatus, SalesPointType, Weekday


class SalesPoint(BaseModel):
    """A place or channel where consumers buy directly from producers: a farm shop, a market, a vending machine..."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=SalesPointType.choices, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SalesPointStatus.choices, default=SalesPointStatus.ACTIVE
    )
    source = models.CharField(
        _("source"), max_length=16, choices=SalesPointSource.choices, default=SalesPointSource.MUNICIPALITY
    )
    operator = models.ForeignKey(
        "catalog.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sales_points",
        verbose_name=_("operator"),
        help_text=_("The organisation that runs the point; empty when it is not on the platform yet."),
    )
    description_nl = models.TextField(_("description (Dutch)"), blank=True)
    description_fr = models.TextField(_("description (French)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    locality = models.CharField(_("locality"), max_length=120, blank=True)
    municipality = models.ForeignKey(
        "territory.Municipality",
        on_delete=models.PROTECT,
        related_name="sales_points",
        verbose_name=_("municipality"),
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    position_exact = models.BooleanField(
        _("exact position"), default=False, help_text=_("False when the position was estimated from the postal code.")
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    categories = models.ManyToManyField(
        "catalog.Concept",
        related_name="sales_points",
        blank=True,
        limit_choices_to={"scheme": "product_type"},
        verbose_name=_("product categories"),
    )
    labels = models.ManyToManyField(
        "catalog.Concept",
        related_name="labelled_sales_points",
        blank=True,
        limit_choices_to={"scheme": "facet"},
        verbose_name=_("labels"),
    )
    payment_methods = models.JSONField(_("payment methods"), default=list, blank=True)
    accessibility = models.JSONField(_("accessibility"), default=list, blank=True)
    cooled = models.BooleanField(_("cooled storage"), default=False)
    hours_note = models.CharField(_("note on opening hours"), max_length=200, blank=True)
    last_verified_at = models.DateTimeField(_("last verified at"), null=True, blank=True, db_index=True)
    last_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("last verified by"),
    )
    external_ref = models.CharField(
        _("external reference"), max_length=120, blank=True, help_text=_("Identifier in the source of an import.")
    )
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("sales point")
        verbose_name_plural = _("sales points")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["status", "lat", "lon"], name="catalog_sp_status_position"),
            models.Index(fields=["municipality", "status"], name="catalog_sp_municipality_status"),
            models.Index(fields=["status", "name", "id"], name="catalog_sp_status_name"),
            # the public list by name: read in index order and stop after a page (status IN (...) cannot use the above)
            models.Index(fields=["name", "id"], name="catalog_sp_name_id"),
            # the map and the list filtered on a type (the most used filter) within a viewport or radius
            models.Index(fields=["type", "status", "lat", "lon"], name="catalog_sp_type_position"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(lat__gte=-90, lat__lte=90), name="catalog_sp_lat_range"),
            models.CheckConstraint(condition=Q(lon__gte=-180, lon__lte=180), name="catalog_sp_lon_range"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return localised(self, "description")


def month_day(month: int, day: int) -> int:
    """A date within the year as an integer MMDD, for seasonal ranges that may wrap over new year."""
    return month * 100 + day


class OpeningRule(BaseModel):
    """Open on a weekday between two times; limited to a yearly season when season_start/end are set (MMDD)."""

    sales_point = models.ForeignKey(
        SalesPoint, on_delete=models.CASCADE, related_name="opening_rules", verbose_name=_("sales point")
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    season_start = models.PositiveSmallIntegerField(
        _("season start (MMDD)"), null=True, blank=True, help_text=_("e.g. 501 for 1 May")
    )
    season_end = models.PositiveSmallIntegerField(
        _("season end (MMDD)"), null=True, blank=True, help_text=_("e.g. 930 for 30 September")
    )
    season_name = models.CharField(_("season"), max_length=60, blank=True)

    class Meta:
        verbose_name = _("opening rule")
        verbose_name_plural = _("opening rules")
        ordering = ["sales_point_id", "season_start", "weekday", "opens"]
        indexes = [models.Index(fields=["weekday", "sales_point"], name="catalog_openingrule_weekday")]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="catalog_openingrule_order"),
            models.CheckConstraint(
                condition=Q(season_start__isnull=True, season_end__isnull=True)
                | Q(
                    season_start__gte=101,
                    season_start__lte=1231,
                    season_end__gte=101,
                    season_end__lte=1231,
                ),
                name="catalog_openingrule_season",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def in_season(self, mmdd: int) -> bool:
        if self.season_start is None or self.season_end is None:
            return True
        if self.season_start <= self.season_end:
            return self.season_start <= mmdd <= self.season_end
        return mmdd >= self.season_start or mmdd <= self.season_end


class ClosurePeriod(BaseModel):
    """An exceptional closure (holiday, illness, works) between two dates, both included."""

    sales_point = models.ForeignKey(
        SalesPoint, on_delete=models.CASCADE, related_name="closures", verbose_name=_("sales point")
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closure period")
        verbose_name_plural = _("closure periods")
        ordering = ["sales_point_id", "start_date"]
        indexes = [models.Index(fields=["start_date", "end_date"], name="catalog_closure_dates")]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=models.F("start_date")), name="catalog_closure_order"),
        ]

    def __str__(self) -> str:
        return f"{self.start_date} - {self.end_date}"
