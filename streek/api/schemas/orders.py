"""Schemas of the trade endpoints: cycles, the shop catalogue, the basket, the checkout and orders.

Amounts are decimals serialised as strings with two decimals (euro); `*_excl_vat` exclude VAT, `*_incl_vat`
include it. `producer_share` is the producer's value over what the buyer pays excl. VAT (0..1);
`intermediaries` is 0 when the producer sells itself and 1 through a hub.
"""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from streek.orders.choices import CycleStatus, FulfilmentMethod, OrderStatus, Preparation

from .common import LocalTime, Option, Problem


class TradeProblem(Problem):
    """A refused trade action: the line (`offer_id`), the field and what is left (`available`) when known."""

    offer_id: int | None = Field(None, description="The offered variant (basket or order line) refused.")
    field: str | None = Field(None, description="The request field to correct.")
    available: int | None = Field(None, description="Items still for sale of the refused line.")


class OrganisationRef(Schema):
    id: int
    slug: str
    name: str


class CycleRef(Schema):
    id: int
    name: str
    fulfilment_date: date


# --- cycles ---------------------------------------------------------------------------------------------------------


class CycleFilterParams(Schema):
    status: CycleStatus | None = Field(None, description="Only cycles in this status (hub members see drafts).")


class CycleItem(Schema):
    id: int
    name: str
    status: str
    status_label: str
    hub: OrganisationRef
    opens_at: datetime
    closes_at: datetime
    fulfilment_date: date
    is_open: bool = Field(description="Published and taking orders now.")
    channels: list[Option] = Field(description="The channels the cycle sells on.")
    producer_count: int
    offer_count: int
    order_count: int | None = Field(None, description="Orders placed (only for the hub's members).")
    url: str = Field(description="API URL of the cycle.")


class CyclePage(Schema):
    items: list[CycleItem]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class FeeRuleOut(Schema):
    kind: str
    name: str
    calculation: str = Field(description="percentage (of the producer price), per_line or per_item (EUR excl. VAT).")
    amount: Decimal


class PickupPointOut(Schema):
    id: int
    name: str
    street: str
    postal_code: str
    locality: str
    lat: float | None
    lon: float | None
    is_cooled: bool = Field(description="Chilled and frozen goods may only be collected at cooled points.")
    instructions: str


class PickupSlotOut(Schema):
    id: int
    pickup_point: PickupPointOut
    starts_at: datetime
    ends_at: datetime
    capacity: int
    remaining: int = Field(description="Orders the slot can still take.")


class DeliveryZoneOut(Schema):
    id: int
    name: str
    postal_codes: list[str]
    radius_km: Decimal | None
    fee: Decimal = Field(description="Delivery fee incl. VAT.")
    minimum_order: Decimal = Field(description="Minimum order incl. VAT.")
    delivery_from: LocalTime | None
    delivery_until: LocalTime | None


class CycleDetail(CycleItem):
    notes: str
    producers: list[OrganisationRef]
    fees: list[FeeRuleOut]
    pickup_slots: list[PickupSlotOut]
    delivery_zones: list[DeliveryZoneOut]


# --- shop catalogue -------------------------------------------------------------------------------------------------


class CatalogueParams(Schema):
    q: str | None = Field(None, max_length=100, description="Search in product, variant and producer names.")
    producer: int | None = Field(None, description="Only this producer's offers (organisation id).")
    product_type: str | None = Field(None, max_length=100, description="DFC product type key, narrower types included.")
    buyer_organisation: int | None = Field(
        None, description="Buy for this organisation (a business buyer you manage): its admitted channel's terms."
    )
    page: int = Field(1, ge=1, description="Page number; a page past the end gives the last page.")
    limit: int = Field(48, ge=1, le=200, description="Items per page (1-200).")


class FeeAmountOut(Schema):
    kind: str
    name: str
    amount: Decimal = Field(description="EUR excl. VAT.")


class PriceOut(Schema):
    """A line priced as the buyer pays it on its channel."""

    quantity: int = Field(description="Number of items priced.")
    producer_unit_price: Decimal = Field(description="The producer's price per item excl. VAT.")
    unit_price: Decimal = Field(description="The buyer's price per item excl. VAT, before hub fees.")
    goods_amount: Decimal = Field(description="unit_price x quantity, excl. VAT.")
    fees: list[FeeAmountOut]
    fee_total: Decimal
    amount_excl_vat: Decimal = Field(description="Goods and hub fees excl. VAT.")
    vat_rate: Decimal = Field(description="VAT rate in percent.")
    vat_amount: Decimal
    amount_incl_vat: Decimal
    producer_amount: Decimal = Field(description="What the producer receives excl. VAT.")
    producer_share: Decimal = Field(description="producer_amount / amount_excl_vat (0..1).")


class UnitOut(Schema):
    key: str
    label: str


class VariantOut(Schema):
    id: int
    name: str
    sku: str
    quantity: Decimal = Field(description="Contents of one item, in `unit`.")
    unit: UnitOut


class ProductOut(Schema):
    id: int
    name: str
    description: str
    product_type: Option
    storage_temperature: str


class CatalogueItem(Schema):
    offer_id: int = Field(description="The offered variant: use it for basket lines.")
    variant: VariantOut
    product: ProductOut
    producer: OrganisationRef
    available: int | None = Field(description="Items still for sale; null when made on demand.")
    is_sold_out: bool
    case_size: int = Field(description="Order in multiples of this number of items.")
    minimum_quantity: int
    price: PriceOut = Field(description="The price of one item, or of one case when case_size > 1.")
    is_chilled: bool = Field(description="Chilled or frozen: only to cooled pickup points or by delivery.")
    intermediaries: int


class CataloguePage(Schema):
    cycle: CycleRef
    channel: Option = Field(description="The channel whose terms price the catalogue.")
    items: list[CatalogueItem]
    page: int
    num_pages: int
    count: int = Field(description="Total number of matching offers.")
    next: str | None = Field(description="URL of the next page, null on the last page.")
    previous: str | None = Field(description="URL of the previous page, null on the first page.")


# --- basket ---------------------------------------------------------------------------------------------------------


class BuyerParams(Schema):
    buyer_organisation: int | None = Field(
        None, description="The organisation you buy for (omit to buy as a household)."
    )


class BasketLineIn(Schema):
    quantity: int = Field(ge=0, le=100000, description="Items wanted; 0 removes the line.")
    preparation: Preparation | None = Field(None, description="Packaging or preparation (business channels).")


class BasketLineOut(Schema):
    offer_id: int
    description: str
    quantity: int
    preparation: str
    available: int | None = Field(description="Items still for sale; null when made on demand.")
    case_size: int
    minimum_quantity: int
    is_chilled: bool
    crates: int = Field(description="Returnable crates the line needs.")
    crate_deposit: Decimal
    price: PriceOut
    warnings: list[str] = Field(description="What to fix on this line, or that its stock runs low.")


class BasketProducerOut(Schema):
    producer: OrganisationRef
    lines: list[BasketLineOut]
    amount_incl_vat: Decimal


class BasketOut(Schema):
    id: int | None = Field(description="Null while nothing was put in the basket yet.")
    cycle: CycleRef
    channel: Option
    buyer_organisation: OrganisationRef | None
    producers: list[BasketProducerOut] = Field(description="The lines grouped per producer.")
    item_count: int
    goods_excl_vat: Decimal
    fees_excl_vat: Decimal
    vat: Decimal
    deposit_total: Decimal = Field(description="Returnable crate deposits (no VAT).")
    total: Decimal = Field(description="What the buyer pays before a delivery fee.")
    minimum_order_value: Decimal = Field(description="The channel's minimum order, excl. VAT.")
    below_minimum: bool
    needs_cooled_pickup: bool = Field(description="Chilled or frozen lines: a cooled pickup point or delivery.")
    warnings: list[str] = Field(description="What to fix or know before checking out.")


# --- checkout and orders --------------------------------------------------------------------------------------------


class AddressIn(Schema):
    street: str = Field(max_length=200)
    postal_code: str = Field(max_length=10)
    locality: str = Field(max_length=120)


class CheckoutIn(Schema):
    fulfilment_method: FulfilmentMethod
    pickup_slot_id: int | None = Field(None, description="For pickup: a slot of the cycle.")
    delivery_zone_id: int | None = Field(None, description="For home delivery: a zone of the cycle.")
    address: AddressIn | None = Field(None, description="For home delivery: where to deliver.")
    note: str = Field("", max_length=500, description="A note to the hub.")


class OrderFilterParams(Schema):
    status: OrderStatus | None = Field(None, description="Only orders in this status.")


class OrderItem(Schema):
    id: int
    reference: str
    cycle: CycleRef
    hub: OrganisationRef
    buyer_organisation: OrganisationRef | None
    channel: str
    status: str
    status_label: str
    payment_status: str
    fulfilment_method: str
    placed_at: datetime
    total: Decimal = Field(description="What the buyer pays: goods, fees, VAT, delivery and deposits.")
    line_count: int
    url: str = Field(description="API URL of the order.")


class OrderPage(Schema):
    items: list[OrderItem]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class HubOrderItem(OrderItem):
    buyer_name: str
    buyer_email: str


class HubOrderPage(Schema):
    items: list[HubOrderItem]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class OrderLineOut(Schema):
    id: int
    offer_id: int
    variant_id: int
    description: str
    quantity: int
    final_quantity: Decimal | None = Field(description="The weighed amount when it differs from what was ordered.")
    is_out_of_stock: bool
    preparation: str
    producer_unit_price: Decimal
    unit_price: Decimal = Field(description="Per item excl. VAT, before hub fees.")
    fees: list[FeeAmountOut]
    fee_total: Decimal
    vat_rate: Decimal
    amount_excl_vat: Decimal
    vat_amount: Decimal
    amount_incl_vat: Decimal
    producer_amount: Decimal
    producer_share: Decimal
    intermediaries: int
    weight_kg: Decimal | None
    crates: int
    crate_deposit: Decimal


class ProducerOrderOut(Schema):
    """What one producer prepares for the order, with its lines."""

    id: int
    producer: OrganisationRef
    status: str
    producer_total: Decimal = Field(description="The producer's value excl. VAT.")
    lines: list[OrderLineOut]


class DeliveryOut(Schema):
    zone: DeliveryZoneOut
    street: str
    postal_code: str
    locality: str


class VatRateOut(Schema):
    rate: Decimal
    base: Decimal = Field(description="Amount excl. VAT at this rate.")
    vat: Decimal


class OrderDetail(OrderItem):
    editable: bool = Field(description="The buyer may still change or cancel the order (before the cut-off).")
    cutoff: datetime = Field(description="The order cut-off of the buyer's channel in this cycle.")
    payment_terms: str
    payment_due_on: date | None
    structured_communication: str = Field(description="Belgian structured communication for the bank transfer.")
    pickup_slot: PickupSlotOut | None
    delivery: DeliveryOut | None
    subtotal_excl_vat: Decimal
    fees_excl_vat: Decimal
    vat: Decimal
    delivery_fee: Decimal
    deposit_total: Decimal
    vat_breakdown: list[VatRateOut]
    note: str
    cancelled_at: datetime | None
    delivered_at: datetime | None
    producer_orders: list[ProducerOrderOut]


class CancelIn(Schema):
    reason: str = Field("", max_length=300)


class ProducerLinesParams(Schema):
    producer: int = Field(description="The producer (organisation id) whose lines to show; you must be a member.")


class ProducerLineOut(Schema):
    id: int
    order_id: int
    order_reference: str
    order_status: str
    buyer_name: str = Field(description="The buying organisation, else the buyer's name.")
    offer_id: int
    variant_id: int
    description: str
    quantity: int
    final_quantity: Decimal | None
    is_out_of_stock: bool
    preparation: str
    producer_unit_price: Decimal
    producer_amount: Decimal
    weight_kg: Decimal | None
    fulfilment_method: str
    pickup_point: str | None = Field(description="Where the order is collected (pickup).")
    delivery_zone: str | None = Field(description="Where the order is delivered (home delivery).")


class ProducerLines(Schema):
    cycle: CycleRef
    producer: OrganisationRef
    item_count: int = Field(description="Items to prepare (lines not out of stock).")
    producer_total: Decimal = Field(description="The producer's value excl. VAT of these lines.")
    items: list[ProducerLineOut]
