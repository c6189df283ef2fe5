"""What the DFC export of order cycles reads: a hub's published and closed cycles with their offers (two queries)."""

from dataclasses import dataclass, field

from streek.orders.choices import CycleStatus
from streek.orders.models import CycleOffer, OrderCycle

# Drafts are the hub's own and cancelled cycles never sold: neither is a sale session others see.
SESSION_STATUSES = (CycleStatus.PUBLISHED, CycleStatus.CLOSED)
CYCLE_FIELDS = ("id", "hub_id", "name", "status", "opens_at", "closes_at", "fulfilment_date")
OFFER_FIELDS = ("id", "cycle_id", "producer_price", "stock", "sold", "variant_id", "variant__vat_rate",
                "exchange_id", "exchange__producer_id")  # fmt: skip


@dataclass
class SaleSessionExport:
    cycle: OrderCycle
    offers: list[CycleOffer] = field(default_factory=list)


def dfc_sale_session_list(*, hub_id: int, cycle_id: int | None = None) -> list[SaleSessionExport]:
    """The hub's published and closed order cycles (or the one `cycle_id`) with their offers, by opening time."""
    cycles = OrderCycle.objects.filter(hub_id=hub_id, status__in=SESSION_STATUSES)
    if cycle_id is not None:
        cycles = cycles.filter(pk=cycle_id)
    sessions = {cycle.pk: SaleSessionExport(cycle) for cycle in cycles.only(*CYCLE_FIELDS).order_by("opens_at", "pk")}
    if not sessions:
        return []
    offers = (
        CycleOffer.objects.filter(cycle_id__in=list(sessions))
        .select_related("variant", "exchange")
        .only(*OFFER_FIELDS)
        .order_by("cycle_id", "pk")
    )
    for offer in offers:
        sessions[offer.cycle_id].offers.append(offer)
    return list(sessions.values())
