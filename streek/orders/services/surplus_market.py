"""Unsold stock of a closed cycle on the market board: a surplus offer per recorded surplus row, for the
producers that opted in (`CycleProducer.surplus_to_market`).

Run after the close has committed (a task), so that a refusal of the market never undoes a close. Idempotent:
a row that already has its offer is skipped, and the market's `offer_create_surplus` returns the existing offer
for the same source reference, so closing twice or running it again posts nothing twice.
"""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from streek.market.services.posts import offer_create_surplus

from ..models import CycleProducer, CycleSurplus

PRICE_PLACES = Decimal("0.01")


def surplus_source_reference(surplus: CycleSurplus) -> str:
    return f"orders:cycle-surplus:{surplus.pk}"


def cycle_surplus_post_to_market(*, cycle_id: int) -> int:
    """Post the unsold stock of a closed cycle for the producers that opted in; returns the offers posted."""
    opted_in = CycleProducer.objects.filter(cycle_id=cycle_id, surplus_to_market=True).values("producer_id")
    rows = (
        CycleSurplus.objects.filter(
            cycle_id=cycle_id, market_offer_id__isnull=True, quantity__gt=0, producer_id__in=opted_in
        )
        .select_related("producer", "offer__variant__unit", "offer__variant__product__product_type", "cycle")
        .order_by("pk")
    )
    posted = 0
    for surplus in rows:
        with transaction.atomic():
            variant = surplus.offer.variant
            product = variant.product
            per_item = variant.quantity or Decimal(1)
            offer = offer_create_surplus(
                organisation=surplus.producer,
                source_reference=surplus_source_reference(surplus),
                product_type=product.product_type.key,
                unit=variant.unit.key,
                title=_("%(product)s, unsold in %(cycle)s")
                % {"product": " ".join(p for p in (product.name, variant.name) if p), "cycle": surplus.cycle.name},
                quantity=per_item * surplus.quantity,
                price=(surplus.offer.producer_price / per_item).quantize(PRICE_PLACES),
            )
            CycleSurplus.objects.filter(pk=surplus.pk).update(market_offer_id=offer.pk)
        posted += 1
    return posted
