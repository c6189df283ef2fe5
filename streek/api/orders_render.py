"""How the trade endpoints render the domain's objects: plain dicts built to the schemas in schemas/orders.py.

Every function reads only what its argument was loaded with (select_related, prefetches, the selectors'
dataclasses), so a list costs the same number of queries whatever its length.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from streek.catalog.models import Organisation
from streek.orders.choices import ChannelKind, CycleStatus
from streek.orders.models import ChannelTerms, DeliveryZone, Order, OrderCycle, OrderLine, PickupSlot
from streek.orders.pricing import LinePrice
from streek.orders.selectors.baskets import BasketSummary
from streek.orders.selectors.cycles import CycleListRow
from streek.orders.selectors.orders import OrderDetail
from streek.orders.selectors.shop import ShopRow


def organisation_ref(organisation: Organisation) -> dict[str, Any]:
    return {"id": organisation.pk, "slug": organisation.slug, "name": organisation.name}


def cycle_ref(cycle: OrderCycle) -> dict[str, Any]:
    return {"id": cycle.pk, "name": cycle.name, "fulfilment_date": cycle.fulfilment_date}


def channel_option(terms: ChannelTerms) -> dict[str, str]:
    return {"key": terms.kind, "label": str(terms.get_kind_display())}


def price_out(price: LinePrice) -> dict[str, Any]:
    return {
        "quantity": price.quantity,
        "producer_unit_price": price.producer_unit_price,
        "unit_price": price.unit_price,
        "goods_amount": price.goods_amount,
        "fees": [{"kind": fee.kind, "name": fee.name, "amount": fee.amount} for fee in price.fees],
        "fee_total": price.fee_total,
        "amount_excl_vat": price.amount,
        "vat_rate": price.vat_rate,
        "vat_amount": price.vat_amount,
        "amount_incl_vat": price.amount_incl_vat,
        "producer_amount": price.producer_amount,
        "producer_share": price.producer_share,
    }


# --- cycles -------------------------------------------------------------------------------------------------------


def cycle_item(request: HttpRequest, cycle: OrderCycle, hub: Organisation, *, member: bool) -> dict[str, Any]:
    """A cycle as listed; `cycle` comes from cycle_list_for_hub (counts annotated, channels prefetched)."""
    return {
        "id": cycle.pk,
        "name": cycle.name,
        "status": cycle.status,
        "status_label": str(cycle.get_status_display()),
        "hub": organisation_ref(hub),
        "opens_at": cycle.opens_at,
        "closes_at": cycle.closes_at,
        "fulfilment_date": cycle.fulfilment_date,
        "is_open": cycle.is_open(),
        "channels": [channel_option(terms) for terms in cycle.channels.all() if terms.is_active],
        "producer_count": getattr(cycle, "producer_count", 0),
        "offer_count": getattr(cycle, "offer_count", 0),
        "order_count": getattr(cycle, "order_count", None) if member else None,
        "url": request.build_absolute_uri(reverse("api-1:cycle_detail", kwargs={"cycle_id": cycle.pk})),
    }


def cycle_row_item(
    row: CycleListRow, hub: Organisation, *, member: bool, url: Callable[[int | str], str]
) -> dict[str, Any]:
    """A cycle of a list page (cycle_page_for_hub) as `cycle_item` renders it; `url` from responses.url_builder."""
    return {
        "id": row.id,
        "name": row.name,
        "status": row.status,
        "status_label": str(CycleStatus(row.status).label),
        "hub": organisation_ref(hub),
        "opens_at": row.opens_at,
        "closes_at": row.closes_at,
        "fulfilment_date": row.fulfilment_date,
        "is_open": row.is_open(),
        "channels": [{"key": kind, "label": str(ChannelKind(kind).label)} for kind in row.channel_kinds],
        "producer_count": row.producer_count,
        "offer_count": row.offer_count,
        "order_count": row.order_count if member else None,
        "url": url(row.id),
    }


def slot_out(slot: PickupSlot) -> dict[str, Any]:
    point = slot.pickup_point
    return {
        "id": slot.pk,
        "pickup_point": {
            "id": point.pk,
            "name": point.name,
            "street": point.street,
            "postal_code": point.postal_code,
            "locality": point.locality,
            "lat": point.lat,
            "lon": point.lon,
            "is_cooled": point.is_cooled,
            "instructions": point.instructions,
        },
        "starts_at": slot.starts_at,
        "ends_at": slot.ends_at,
        "capacity": slot.capacity,
        "remaining": slot.remaining,
    }


def zone_out(zone: DeliveryZone) -> dict[str, Any]:
    return {
        "id": zone.pk,
        "name": zone.name,
        "postal_codes": [str(code) for code in zone.postal_codes],
        "radius_km": zone.radius_km,
        "fee": zone.fee,
        "minimum_order": zone.minimum_order,
        "delivery_from": zone.delivery_from,
        "delivery_until": zone.delivery_until,
    }


# --- catalogue and basket -----------------------------------------------------------------------------------------


def catalogue_item(row: ShopRow, cycle: OrderCycle) -> dict[str, Any]:
    variant, product, producer = row.variant, row.product, row.producer
    return {
        "offer_id": row.offer.pk,
        "variant": {
            "id": variant.pk,
            "name": variant.name,
            "sku": variant.sku,
            "quantity": variant.quantity,
            "unit": {"key": variant.unit.key, "label": variant.unit.label},
        },
        "product": {
            "id": product.pk,
            "name": product.name,
            "description": product.description,
            "product_type": {"key": product.product_type.key, "label": product.product_type.label},
            "storage_temperature": product.storage_temperature,
        },
        "producer": organisation_ref(producer),
        "available": row.available,
        "is_sold_out": row.is_sold_out,
        "case_size": row.case_size,
        "minimum_quantity": row.minimum_quantity,
        "price": price_out(row.price),
        "is_chilled": row.is_chilled,
        "intermediaries": 0 if producer.pk == cycle.hub_id else 1,
    }


def basket_out(
    *,
    cycle: OrderCycle,
    terms: ChannelTerms,
    organisation: Organisation | None,
    summary: BasketSummary | None,
) -> dict[str, Any]:
    """The basket priced (an empty one when the buyer has none yet in this cycle)."""
    zero = Decimal("0.00")
    base = {
        "id": summary.basket.pk if summary is not None else None,
        "cycle": cycle_ref(cycle),
        "channel": channel_option(terms),
        "buyer_organisation": organisation_ref(organisation) if organisation is not None else None,
        "minimum_order_value": terms.minimum_order_value,
    }
    if summary is None:
        return {
            **base,
            "producers": [],
            "item_count": 0,
            "goods_excl_vat": zero,
            "fees_excl_vat": zero,
            "vat": zero,
            "deposit_total": zero,
            "total": zero,
            "below_minimum": False,
            "needs_cooled_pickup": False,
            "warnings": [],
        }
    return {
        **base,
        "producers": [
            {
                "producer": organisation_ref(group.producer),
                "lines": [
                    {
                        "offer_id": row.offer.pk,
                        "description": row.description,
                        "quantity": row.quantity,
                        "preparation": row.preparation,
                        "available": row.available,
                        "case_size": row.case_size,
                        "minimum_quantity": row.minimum_quantity,
                        "is_chilled": row.is_chilled,
                        "crates": row.crates,
                        "crate_deposit": row.crate_deposit,
                        "price": price_out(row.price),
                        "warnings": list(row.warnings),
                    }
                    for row in group.rows
                ],
                "amount_incl_vat": group.amount_incl_vat,
            }
            for group in summary.groups
        ],
        "item_count": summary.item_count,
        "goods_excl_vat": summary.goods_total,
        "fees_excl_vat": summary.fees_total,
        "vat": summary.vat_total,
        "deposit_total": summary.deposit_total,
        "total": summary.total,
        "below_minimum": summary.below_minimum,
        "needs_cooled_pickup": summary.needs_cooled_pickup,
        "warnings": list(summary.warnings),
    }


# --- orders -------------------------------------------------------------------------------------------------------


def order_item(request: HttpRequest, order: Order) -> dict[str, Any]:
    """An order as listed; loaded by the order selectors (cycle, hub, buyer organisation; `line_count`)."""
    organisation = order.buyer_organisation
    return {
        "id": order.pk,
        "reference": order.reference,
        "cycle": cycle_ref(order.cycle),
        "hub": organisation_ref(order.hub),
        "buyer_organisation": organisation_ref(organisation) if organisation is not None else None,
        "channel": order.channel,
        "status": order.status,
        "status_label": str(order.get_status_display()),
        "payment_status": order.payment_status,
        "fulfilment_method": order.fulfilment_method,
        "placed_at": order.placed_at,
        "total": order.total,
        "line_count": getattr(order, "line_count", 0),
        "url": request.build_absolute_uri(reverse("api-1:order_detail", kwargs={"order_id": order.pk})),
    }


def hub_order_item(request: HttpRequest, order: Order) -> dict[str, Any]:
    buyer = order.buyer
    return {
        **order_item(request, order),
        "buyer_name": buyer.get_full_name() or buyer.get_username(),
        "buyer_email": buyer.email,
    }


def order_line_out(line: OrderLine) -> dict[str, Any]:
    return {
        "id": line.pk,
        "offer_id": line.offer_id,
        "variant_id": line.variant_id,
        "description": line.description,
        "quantity": line.quantity,
        "final_quantity": line.final_quantity,
        "is_out_of_stock": line.is_out_of_stock,
        "preparation": line.preparation,
        "producer_unit_price": line.producer_unit_price,
        "unit_price": line.unit_price,
        "fees": [{"kind": fee["kind"], "name": fee["name"], "amount": Decimal(fee["amount"])} for fee in line.fees],
        "fee_total": line.fee_total,
        "vat_rate": line.vat_rate,
        "amount_excl_vat": line.amount,
        "vat_amount": line.vat_amount,
        "amount_incl_vat": line.amount_incl_vat,
        "producer_amount": line.producer_amount,
        "producer_share": line.producer_share,
        "intermediaries": line.intermediaries,
        "weight_kg": line.weight_kg,
        "crates": line.crates,
        "crate_deposit": line.crate_deposit,
    }


def order_detail(request: HttpRequest, detail: OrderDetail) -> dict[str, Any]:
    """An order from order_get_detail: fulfilment, amounts, VAT per rate, and the lines per producer."""
    order = detail.order
    zone = order.delivery_zone
    return {
        **order_item(request, order),
        "line_count": len(detail.lines),
        "editable": detail.editable,
        "cutoff": detail.cutoff,
        "payment_terms": order.payment_terms,
        "payment_due_on": order.payment_due_on,
        "structured_communication": order.structured_communication,
        "pickup_slot": slot_out(order.pickup_slot) if order.pickup_slot is not None else None,
        "delivery": (
            {
                "zone": zone_out(zone),
                "street": order.delivery_street,
                "postal_code": order.delivery_postal_code,
                "locality": order.delivery_locality,
            }
            if zone is not None
            else None
        ),
        "subtotal_excl_vat": order.subtotal,
        "fees_excl_vat": order.fees_total,
        "vat": order.vat_total,
        "delivery_fee": order.delivery_fee,
        "deposit_total": order.deposit_total,
        "vat_breakdown": detail.vat,
        "note": order.note,
        "cancelled_at": order.cancelled_at,
        "delivered_at": order.delivered_at,
        "producer_orders": [
            {
                "id": part.producer_order.pk,
                "producer": organisation_ref(part.producer),
                "status": part.producer_order.status,
                "producer_total": part.producer_order.producer_total,
                "lines": [order_line_out(line) for line in part.lines],
            }
            for part in detail.parts
        ],
    }


def producer_line_out(line: OrderLine) -> dict[str, Any]:
    """A line a producer prepares; loaded by producer_cycle_lines (order, buyer, slot, zone)."""
    order = line.order
    buyer = order.buyer
    organisation = order.buyer_organisation
    slot = order.pickup_slot
    zone = order.delivery_zone
    return {
        "id": line.pk,
        "order_id": order.pk,
        "order_reference": order.reference,
        "order_status": order.status,
        "buyer_name": organisation.name if organisation is not None else (buyer.get_full_name() or buyer.username),
        "offer_id": line.offer_id,
        "variant_id": line.variant_id,
        "description": line.description,
        "quantity": line.quantity,
        "final_quantity": line.final_quantity,
        "is_out_of_stock": line.is_out_of_stock,
        "preparation": line.preparation,
        "producer_unit_price": line.producer_unit_price,
        "producer_amount": line.producer_amount,
        "weight_kg": line.weight_kg,
        "fulfilment_method": order.fulfilment_method,
        "pickup_point": slot.pickup_point.name if slot is not None else None,
        "delivery_zone": zone.name if zone is not None else None,
    }
