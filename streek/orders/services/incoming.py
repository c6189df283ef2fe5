"""Writes on the incoming side of a cycle: the producers taking part, what they offer, and the hub's fees.

Producers set their own price and stock: an offer may be set by the hub's editors or by the producer's.
The stock of an offer never goes below what is already sold (checked under a row lock, so a checkout
running at the same time waits).
"""

from datetime import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from streek.accounts.selectors import Actor
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation, Variant
from streek.core.exceptions import ApplicationError, PermissionRefused

from ..access import is_editor
from ..choices import FeeCalculation, FeeKind
from ..models import CycleOffer, CycleProducer, HubFee, OrderCycle
from ..shop_cache import shop_changed
from .channels import to_decimal
from .roles import clean, field_label, require_aware, require_cycle_editable, require_hub_editor

PRODUCER_KINDS = frozenset({OrganisationKind.PRODUCER, OrganisationKind.PROCESSOR})
HUNDRED = Decimal(100)


@transaction.atomic
def cycle_producer_add(
    *,
    actor: Actor,
    cycle: OrderCycle,
    producer: Organisation,
    ready_from: datetime | None = None,
    ready_until: datetime | None = None,
    note: str = "",
    surplus_to_market: bool = False,
) -> CycleProducer:
    """Let a producer (or the hub itself) take part in a cycle; adding it again changes its ready window and
    whether its unsold stock goes on the market board at the close."""
    shop_changed()
    require_hub_editor(actor=actor, hub_id=cycle.hub_id)
    require_cycle_editable(cycle)
    if producer.pk != cycle.hub_id and producer.kind not in PRODUCER_KINDS:
        raise ApplicationError(
            _("%(name)s is not a producer or processor.") % {"name": producer.name}, extra={"field": "producer"}
        )
    for name, value in (("ready_from", ready_from), ("ready_until", ready_until)):
        if value is not None:
            require_aware(value, field=name, label=field_label(CycleProducer, name))
    if ready_from is not None and ready_until is not None and ready_until <= ready_from:
        raise ApplicationError(
            _("The goods must be ready until a moment after they are ready from."), extra={"field": "ready_until"}
        )
    exchange = CycleProducer.objects.select_for_update().filter(cycle=cycle, producer=producer).first()
    if exchange is None:
        exchange = CycleProducer(cycle=cycle, producer=producer)
    exchange.ready_from = ready_from
    exchange.ready_until = ready_until
    exchange.note = note.strip()
    exchange.surplus_to_market = surplus_to_market
    clean(exchange)
    exchange.save()
    return exchange


@transaction.atomic
def cycle_producer_remove(*, actor: Actor, exchange: CycleProducer) -> None:
    """Take a producer out of a cycle with its offers, as long as none of them has been sold."""
    shop_changed()
    exchange = CycleProducer.objects.select_for_update().select_related("cycle", "producer").get(pk=exchange.pk)
    require_hub_editor(actor=actor, hub_id=exchange.cycle.hub_id)
    require_cycle_editable(exchange.cycle)
    if exchange.offers.filter(Q(sold__gt=0) | Q(order_lines__isnull=False)).exists():
        raise ApplicationError(
            _("%(name)s has already sold in this cycle: set its stock to what is sold instead.")
            % {"name": exchange.producer.name},
            extra={"field": "producer"},
        )
    exchange.delete()


def _require_offer_editor(*, actor: Actor, cycle: OrderCycle, producer_id: int) -> None:
    if is_editor(actor=actor, organisation_id=cycle.hub_id) or is_editor(actor=actor, organisation_id=producer_id):
        return
    raise PermissionRefused(_("Only the hub or the producer may change what the producer offers."))


def _stock(stock: int | None) -> int | None:
    if stock is None:
        return None
    if isinstance(stock, bool) or not isinstance(stock, int) or stock < 0:
        raise ApplicationError(
            _("The stock is a number of items, 0 or more (empty: on demand)."), extra={"field": "stock"}
        )
    return stock


@transaction.atomic
def cycle_offer_set(
    *, actor: Actor, cycle: OrderCycle, variant: Variant, producer_price: Decimal, stock: int | None
) -> CycleOffer:
    """Offer a variant in a cycle at the producer's price with a stock (None: on demand), or change the offer.

    The variant's producer must take part in the cycle; the stock may not go below what is already sold.
    """
    shop_changed()
    variant = Variant.objects.select_related("product__organisation").get(pk=variant.pk)
    producer = variant.product.organisation
    _require_offer_editor(actor=actor, cycle=cycle, producer_id=producer.pk)
    require_cycle_editable(cycle)
    exchange = CycleProducer.objects.filter(cycle=cycle, producer=producer).first()
    if exchange is None:
        raise ApplicationError(
            _("%(variant)s is from %(producer)s, who does not take part in this cycle: add the producer first.")
            % {"variant": str(variant), "producer": producer.name},
            extra={"field": "variant"},
        )
    if not (variant.is_active and variant.product.is_active):
        raise ApplicationError(
            _("%(variant)s is not for sale: it is inactive.") % {"variant": str(variant)}, extra={"field": "variant"}
        )
    price = to_decimal(producer_price, field="producer_price", label=field_label(CycleOffer, "producer_price"))
    if price < 0:
        raise ApplicationError(_("The producer price cannot be negative."), extra={"field": "producer_price"})
    stock = _stock(stock)
    offer = CycleOffer.objects.select_for_update().filter(cycle=cycle, variant=variant).first()
    if offer is None:
        offer = CycleOffer(cycle=cycle, exchange=exchange, variant=variant)
    if stock is not None and stock < offer.sold:
        raise ApplicationError(
            _("%(sold)s of %(variant)s are already sold: the stock cannot go below that.")
            % {"sold": offer.sold, "variant": str(variant)},
            extra={"field": "stock", "sold": offer.sold},
        )
    offer.producer_price = price
    offer.stock = stock
    clean(offer)
    offer.save()
    return offer


@transaction.atomic
def cycle_offer_remove(*, actor: Actor, offer: CycleOffer) -> None:
    """Withdraw an offer nobody has ordered (baskets holding it lose the line)."""
    shop_changed()
    offer = (
        CycleOffer.objects.select_for_update().select_related("cycle", "exchange", "variant__product").get(pk=offer.pk)
    )
    _require_offer_editor(actor=actor, cycle=offer.cycle, producer_id=offer.exchange.producer_id)
    require_cycle_editable(offer.cycle)
    if offer.sold or offer.order_lines.exists():
        raise ApplicationError(
            _("%(variant)s has been ordered in this cycle: set its stock to what is sold instead.")
            % {"variant": str(offer.variant)},
            extra={"field": "offer"},
        )
    offer.delete()


@transaction.atomic
def hub_fee_set(
    *,
    actor: Actor,
    cycle: OrderCycle,
    kind: str,
    calculation: str,
    amount: Decimal,
    name: str = "",
    fee: HubFee | None = None,
) -> HubFee:
    """Add a named fee to every line of a cycle (percentage of the producer price, per line or per item), or change it."""
    shop_changed()
    require_hub_editor(actor=actor, hub_id=cycle.hub_id)
    require_cycle_editable(cycle)
    if fee is not None and fee.cycle_id != cycle.pk:
        raise ApplicationError(_("This fee belongs to another cycle."), extra={"field": "fee"})
    if kind not in FeeKind.values:
        raise ApplicationError(_("Unknown kind of fee '%(kind)s'.") % {"kind": kind}, extra={"field": "kind"})
    if calculation not in FeeCalculation.values:
        raise ApplicationError(
            _("Unknown calculation '%(calculation)s'.") % {"calculation": calculation}, extra={"field": "calculation"}
        )
    value = to_decimal(amount, field="amount", label=field_label(HubFee, "amount"))
    if value < 0:
        raise ApplicationError(_("A fee cannot be negative."), extra={"field": "amount"})
    if calculation == FeeCalculation.PERCENTAGE and value > HUNDRED:
        raise ApplicationError(_("A percentage fee is at most 100 %."), extra={"field": "amount"})
    target = HubFee.objects.select_for_update().get(pk=fee.pk) if fee else HubFee(cycle=cycle)
    target.kind = kind
    target.calculation = calculation
    target.amount = value
    target.name = name.strip()
    clean(target)
    target.save()
    return target


@transaction.atomic
def hub_fee_remove(*, actor: Actor, fee: HubFee) -> None:
    """Remove a fee from a cycle; lines already ordered keep the fees they were priced with."""
    shop_changed()
    fee = HubFee.objects.select_for_update().select_related("cycle").get(pk=fee.pk)
    require_hub_editor(actor=actor, hub_id=fee.cycle.hub_id)
    require_cycle_editable(fee.cycle)
    fee.delete()
