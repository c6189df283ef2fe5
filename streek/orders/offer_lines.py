"""Facts about one offered variant on one channel, shared by the basket, the checkout and the order changes.

Its description, its price for a quantity (through pricing.line_price), the channel's case size and
minimum, returnable crates, its weight when the variant is sold by mass, whether it needs the cold chain,
and the distance from its producer to the buyer.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from streek.catalog.choices import COLD_CHAIN_TEMPERATURES
from streek.catalog.models import Organisation, Product, Variant
from streek.core.geo import Point, haversine_km

from .choices import FeeCalculation, PriceRule
from .models import ChannelTerms, ChannelVariantTerm, CycleOffer, HubFee
from .pricing import HUNDRED, FeeAmount, FeeRule, LinePrice, line_price, to_cents

# DFC mass units and their size in kilograms (catalog Concept keys in the "measure" scheme).
MASS_UNITS_KG = {
    "Kilogram": Decimal("1"),
    "Gram": Decimal("0.001"),
    "Milligram": Decimal("0.000001"),
    "Tonne": Decimal("1000"),
    "PoundMass": Decimal("0.45359237"),
    "Ounce": Decimal("0.028349523125"),
}
GRAM = Decimal("0.001")


def offer_description(*, variant: Variant, product: Product) -> str:
    """How a line is named to buyers and producers: 'Carrots, bag of 1 kg'."""
    name = product.name
    text = f"{name}, {variant.name}" if variant.name else name
    return text[:300]


def is_chilled(product: Product) -> bool:
    """Chilled and frozen goods travel only through cooled pickup points."""
    return product.storage_temperature in COLD_CHAIN_TEMPERATURES


def variant_weight_kg(*, variant: Variant, quantity: Decimal | int) -> Decimal | None:
    """The weight of `quantity` items of a variant sold by mass (None for pieces, bunches, litres)."""
    factor = MASS_UNITS_KG.get(variant.unit.key)
    if factor is None:
        return None
    return (variant.quantity * factor * Decimal(quantity)).quantize(GRAM, rounding=ROUND_HALF_UP)


def fee_rules(*, cycle_id: int) -> list[FeeRule]:
    """The hub fees of a cycle as pricing rules (one query)."""
    return [
        FeeRule(
            kind=fee.kind, name=fee.name or str(fee.get_kind_display()), calculation=fee.calculation, amount=fee.amount
        )
        for fee in HubFee.objects.filter(cycle_id=cycle_id).order_by("kind", "pk")
    ]


def variant_terms_for(*, terms: ChannelTerms, variant_ids: Iterable[int]) -> dict[int, ChannelVariantTerm]:
    """The channel's price-list rows for these variants, by variant id (one query)."""
    rows = ChannelVariantTerm.objects.filter(terms=terms, variant_id__in=list(variant_ids)).select_related("crate")
    return {row.variant_id: row for row in rows}


def offer_line_price(
    *,
    offer: CycleOffer,
    quantity: int,
    terms: ChannelTerms,
    variant_term: ChannelVariantTerm | None,
    rules: list[FeeRule],
) -> LinePrice:
    """The line as the buyer pays it on this channel."""
    return line_price(
        quantity=quantity,
        producer_price=offer.producer_price,
        price_rule=terms.price_rule,
        markup_percent=terms.markup_percent,
        list_price=variant_term.price if variant_term is not None else None,
        vat_rate=offer.variant.vat_rate,
        fee_rules=rules,
    )


def producer_sets_price(*, terms: ChannelTerms, variant_term: ChannelVariantTerm | None) -> bool:
    """The buyer pays the producer's own price (no hub price list, no markup)."""
    return (variant_term is None or variant_term.price is None) and terms.price_rule == PriceRule.PRODUCER_PRICE


def quantity_problem(
    *, description: str, quantity: int, variant_term: ChannelVariantTerm | None
) -> StrOrPromise | None:
    """Why a quantity breaks the channel's case size or minimum (None when it is fine)."""
    if variant_term is None:
        return None
    if quantity < variant_term.minimum_quantity:
        return _("%(line)s: order at least %(minimum)s.") % {
            "line": description,
            "minimum": variant_term.minimum_quantity,
        }
    if quantity % variant_term.case_size:
        return _("%(line)s is sold per case of %(case)s: order a multiple of %(case)s.") % {
            "line": description,
            "case": variant_term.case_size,
        }
    return None


def crates_for(*, quantity: int, variant_term: ChannelVariantTerm | None) -> tuple[int, Decimal]:
    """Returnable crates a line needs and their deposit."""
    if variant_term is None or variant_term.crate is None or not variant_term.units_per_crate:
        return 0, Decimal("0")
    crates = math.ceil(quantity / variant_term.units_per_crate)
    return crates, variant_term.crate.deposit * crates


def organisation_point(organisation: Organisation) -> Point | None:
    """Where an organisation is: its own coordinates, else its municipality's point."""
    if organisation.lat is not None and organisation.lon is not None:
        return Point(lat=organisation.lat, lon=organisation.lon)
    municipality = organisation.municipality
    if municipality is not None and municipality.lat is not None and municipality.lon is not None:
        return Point(lat=municipality.lat, lon=municipality.lon)
    return None


def distance_km(a: Point | None, b: Point | None) -> Decimal | None:
    """Great-circle kilometres between two points, to the 10 metres (None when one is unknown)."""
    if a is None or b is None:
        return None
    return Decimal(str(haversine_km(a, b))).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class LineAmounts:
    """A line's amounts for a quantity that may be weighed (a decimal number of items)."""

    fees: tuple[FeeAmount, ...]
    fee_total: Decimal
    amount: Decimal
    vat_amount: Decimal
    producer_amount: Decimal
    producer_share: Decimal


def line_amounts(
    *, quantity: Decimal, unit_price: Decimal, producer_unit_price: Decimal, vat_rate: Decimal, rules: list[FeeRule]
) -> LineAmounts:
    """The same arithmetic as pricing.LinePrice, for a final (weighed) quantity at the checkout's unit prices."""
    producer_amount = to_cents(producer_unit_price * quantity)
    fees = []
    for rule in rules:
        if quantity == 0:
            value = Decimal(0)
        elif rule.calculation == FeeCalculation.PERCENTAGE:
            value = producer_amount * rule.amount / HUNDRED
        elif rule.calculation == FeeCalculation.PER_ITEM:
            value = rule.amount * quantity
        else:
            value = rule.amount
        fees.append(FeeAmount(kind=rule.kind, name=rule.name, amount=to_cents(value)))
    fee_total = sum((fee.amount for fee in fees), Decimal(0))
    amount = to_cents(unit_price * quantity) + fee_total
    vat_amount = to_cents(amount * vat_rate / HUNDRED)
    if amount <= 0:
        share = Decimal(1)
    else:
        share = min((producer_amount / amount).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), Decimal(1))
    return LineAmounts(
        fees=tuple(fees) if quantity else (),
        fee_total=fee_total,
        amount=amount,
        vat_amount=vat_amount,
        producer_amount=producer_amount,
        producer_share=share,
    )
