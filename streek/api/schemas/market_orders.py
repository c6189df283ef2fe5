"""Schemas of ordering from a market match: its buyer sets up a standing order or places a one-off business order
through a hub where the match's producer sells (see docs/trade.md, "From a match to an order")."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from streek.market.choices import MatchStatus
from streek.orders.choices import FulfilmentMethod, StandingOrderStatus

from .orders import AddressIn, OrderDetail, OrganisationRef

MAX_ID = 2_147_483_647  # ids beyond a 32-bit key are unknown anyway (and never reach the database)


class MatchStandingIn(Schema):
    hub_id: int = Field(ge=1, le=MAX_ID, description="A hub from the match's order options.")
    variant_id: int = Field(ge=1, le=MAX_ID, description="A variant the match's producer offers through the hub.")
    quantity: int = Field(description="Items in every repetition (the channel's case size and minimum apply).")
    interval_weeks: int = Field(1, description="Every 1 to 52 weeks.")
    starts_on: date = Field(description="The first day it may fall on (today or later).")
    ends_on: date | None = Field(None, description="The last day it may fall on; null: no end.")
    fulfilment_method: FulfilmentMethod
    pickup_point_id: int | None = Field(None, ge=1, le=MAX_ID, description="For pickup: a pickup point of the hub.")
    delivery_zone_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="For home delivery: a delivery zone of the hub."
    )
    address: AddressIn | None = Field(None, description="For home delivery: where to deliver.")
    note: str = Field("", max_length=500, description="A note to the hub.")
    name: str = Field("", max_length=120, description="Empty: the product and the producer.")


class MatchOrderIn(Schema):
    hub_id: int = Field(ge=1, le=MAX_ID, description="A hub from the match's order options, with a cycle open now.")
    variant_id: int = Field(
        ge=1, le=MAX_ID, description="A variant the match's producer offers in the hub's open cycle."
    )
    quantity: int = Field(description="Items to order (the channel's case size and minimum apply).")
    fulfilment_method: FulfilmentMethod
    pickup_slot_id: int | None = Field(None, ge=1, le=MAX_ID, description="For pickup: a slot of the open cycle.")
    delivery_zone_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="For home delivery: a zone of the open cycle."
    )
    address: AddressIn | None = Field(None, description="For home delivery: where to deliver.")
    note: str = Field("", max_length=500, description="A note to the hub.")


class MatchAgreementOut(Schema):
    id: int
    status: MatchStatus
    agreement_kind: str = Field(
        description="What the match became in Trade: standing_order, business_order, other; empty: no agreement."
    )
    agreement_reference: str = Field(description="The id of the standing order or order it became.")
    agreed_at: datetime | None


class StandingLineOut(Schema):
    variant_id: int
    description: str
    quantity: int


class StandingOrderOut(Schema):
    id: int
    name: str
    hub: OrganisationRef
    buyer_organisation: OrganisationRef
    channel: str
    status: StandingOrderStatus
    interval_weeks: int
    starts_on: date
    ends_on: date | None
    fulfilment_method: FulfilmentMethod
    lines: list[StandingLineOut]


class MatchStandingOut(Schema):
    match: MatchAgreementOut
    standing_order: StandingOrderOut


class MatchOrderOut(Schema):
    match: MatchAgreementOut
    order: OrderDetail


class VariantOptionOut(Schema):
    variant_id: int
    description: str
    suggested: bool = Field(description="The product (or product type) of the match's offer.")
    offer_id: int | None = Field(description="Its offer in the cycle open now; null: in a later cycle only.")
    available: int | None = Field(description="Items left in the open cycle; null: on demand or not offered now.")
    case_size: int
    minimum_quantity: int
    unit_price: Decimal | None = Field(description="Per item on the hub's business channel, excl. VAT and fees.")


class PlaceOptionOut(Schema):
    id: int
    name: str


class CycleOptionOut(Schema):
    id: int
    name: str
    opens_at: datetime
    closes_at: datetime
    fulfilment_date: date


class HubOptionOut(Schema):
    hub: OrganisationRef
    channel: str
    open_cycle: CycleOptionOut | None
    next_cycles: list[CycleOptionOut]
    variants: list[VariantOptionOut]
    pickup_points: list[PlaceOptionOut] = Field(description="For standing orders.")
    delivery_zones: list[PlaceOptionOut] = Field(description="For standing orders.")
    pickup_slots: list[PlaceOptionOut] = Field(description="Of the open cycle, with room (one-off orders).")
    cycle_delivery_zones: list[PlaceOptionOut] = Field(description="Of the open cycle (one-off orders).")
