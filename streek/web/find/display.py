"""Shaping catalogue objects for the Find pages: schedules by season, season tables, product groups, labels."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, cast

from django.db import models
from django.utils import formats
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.functional import Promise

from streek.catalog.choices import Allergen, Weekday
from streek.catalog.models import ClosurePeriod, Concept, OpeningRule, Product, SalesPoint
from streek.catalog.models.product import NUTRIENT_FIELDS
from streek.catalog.models.sales_point import month_day
from streek.catalog.opening_hours import OpeningStatus, opening_status
from streek.catalog.selectors.sales_points import distance_km
from streek.core.i18n import localised


def choice_labels(values: Iterable[str], choices: type[models.Choices]) -> list[str | Promise]:
    """The translated labels of the known values, in the order given."""
    labels = dict(choices.choices)
    return [labels[value] for value in values if value in labels]


@dataclass(frozen=True)
class PointRow:
    """A sales point in a list, with what the row shows next to it."""

    point: SalesPoint
    status: OpeningStatus
    distance_km: float | None


def point_rows(points: Iterable[SalesPoint]) -> list[PointRow]:
    """Rows for a list; uses the prefetched opening rules and closures (no queries per row)."""
    return [PointRow(point=p, status=opening_status(p), distance_km=distance_km(p)) for p in points]


@dataclass(frozen=True)
class ScheduleDay:
    weekday: int
    name: str | Promise
    rules: list[OpeningRule]


@dataclass(frozen=True)
class SeasonSchedule:
    name: str
    start: date | None  # in the year of `today`, for display of day and month only
    end: date | None
    current: bool
    days: list[ScheduleDay]


def _mmdd_date(mmdd: int | None, year: int) -> date | None:
    if mmdd is None:
        return None
    month, day = divmod(mmdd, 100)
    if month == 2 and day == 29:
        day = 28
    return date(year, month, day)


def season_schedules(point: SalesPoint, today: date) -> list[SeasonSchedule]:
    """The weekly schedule of each season (all-year rules form one season), the season in force first."""
    seasons: dict[tuple[int | None, int | None, str], list[OpeningRule]] = {}
    for rule in point.opening_rules.all():
        seasons.setdefault((rule.season_start, rule.season_end, rule.season_name), []).append(rule)
    mmdd = month_day(today.month, today.day)
    schedules = []
    for (start, end, name), rules in seasons.items():
        days = [
            ScheduleDay(
                weekday=weekday,
                name=Weekday(weekday).label,
                rules=sorted((r for r in rules if r.weekday == weekday), key=lambda r: r.opens),
            )
            for weekday in range(7)
        ]
        schedules.append(
            SeasonSchedule(
                name=name,
                start=_mmdd_date(start, today.year),
                end=_mmdd_date(end, today.year),
                current=rules[0].in_season(mmdd),
                days=days,
            )
        )
    return sorted(schedules, key=lambda s: (not s.current, s.start or date.min))


def upcoming_closures(point: SalesPoint, today: date) -> list[ClosurePeriod]:
    return sorted((c for c in point.closures.all() if c.end_date >= today), key=lambda c: c.start_date)


@dataclass(frozen=True)
class SeasonRow:
    product: Product
    months: list[bool]  # January first


@dataclass(frozen=True)
class SeasonOverview:
    in_season: list[Product]
    rows: list[SeasonRow]
    month_headers: list[tuple[str | Promise, str | Promise]]  # (abbreviation, full name), January first
    current_month: int

    @property
    def current_month_name(self) -> str | Promise:
        return MONTHS[self.current_month]


def season_overview(products: Sequence[Product], month: int) -> SeasonOverview:
    """Which products are in season this month, and a 12-month availability table."""
    return SeasonOverview(
        in_season=[p for p in products if p.available_in(month)],
        rows=[SeasonRow(product=p, months=[p.available_in(m) for m in range(1, 13)]) for p in products],
        month_headers=[(MONTHS_3[m], MONTHS[m]) for m in range(1, 13)],
        current_month=month,
    )


def products_by_type(products: Iterable[Product]) -> list[tuple[Concept, list[Product]]]:
    """Products grouped by their product type, types in taxonomy order."""
    groups: dict[int, tuple[Concept, list[Product]]] = {}
    for product in products:
        groups.setdefault(product.product_type_id, (product.product_type, []))[1].append(product)
    return sorted(groups.values(), key=lambda group: group[0].path)


def month_name_list(months: Iterable[int]) -> list[str | Promise]:
    return [MONTHS[m] for m in months]


def allergen_labels(product: Product) -> list[str | Promise]:
    return choice_labels(product.allergens or [], Allergen)


def nutrition_rows(product: Product) -> list[tuple[Any, Decimal]]:
    """(label, value per 100 g) for the nutrients the producer filled in."""
    rows = []
    for name in NUTRIENT_FIELDS:
        value = getattr(product, name)
        if value is not None:
            model_field = cast(models.Field[Any, Any], Product._meta.get_field(name))
            rows.append((model_field.verbose_name, value))
    return rows


def quantity_text(quantity: Decimal) -> str:
    """1.500 -> '1,5' in Dutch; 2.000 -> '2'."""
    normalised = quantity.normalize()
    if normalised == normalised.to_integral_value():
        normalised = normalised.quantize(Decimal(1))
    return formats.number_format(normalised, use_l10n=True)


@dataclass(frozen=True)
class VariantLine:
    name: str
    quantity: str
    unit: str
    price_incl_vat: Decimal
    vat_rate: Decimal


@dataclass(frozen=True)
class ProductCard:
    """A product with what its card shows; uses prefetched variants (with unit), claims and labels."""

    product: Product
    months: list[str | Promise]
    all_year: bool
    allergens: list[str | Promise]
    nutrition: list[tuple[Any, Decimal]]
    variants: list[VariantLine]
    storage: str
    preparation: str


def product_cards(products: Iterable[Product]) -> list[ProductCard]:
    cards = []
    for product in products:
        months = product.months
        cards.append(
            ProductCard(
                product=product,
                months=month_name_list(months),
                all_year=len(months) == 12,
                allergens=allergen_labels(product),
                nutrition=nutrition_rows(product),
                variants=[
                    VariantLine(
                        name=variant.name,
                        quantity=quantity_text(variant.quantity),
                        unit=variant.unit.label,
                        price_incl_vat=variant.price_incl_vat,
                        vat_rate=Decimal(variant.vat_rate),
                    )
                    for variant in product.variants.all()
                ],
                storage=localised(product, "storage"),
                preparation=localised(product, "preparation"),
            )
        )
    return cards
