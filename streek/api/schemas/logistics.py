"""Schemas of the logistics endpoints: plans with their totals and savings, routes, stops."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from .common import Option


class HubRef(Schema):
    id: int
    slug: str
    name: str


class PlanTotals(Schema):
    km: Decimal
    hours: Decimal
    cost: Decimal = Field(description="EUR.")
    co2_kg: Decimal = Field(description="Estimated from the vehicles' CO2 per km.")
    kg_delivered: Decimal


class PlanSavings(Schema):
    """The shared rounds against every producer driving its own orders alone (a fact for the monitor)."""

    solo_km: Decimal
    solo_hours: Decimal
    solo_co2_kg: Decimal
    solo_vehicles: int = Field(description="Producers who would each drive their own tour.")
    saved_km: Decimal
    saved_hours: Decimal
    saved_co2_kg: Decimal
    food_km_per_kg: Decimal = Field(description="Vehicle km per kg delivered, shared rounds.")
    solo_food_km_per_kg: Decimal = Field(description="Vehicle km per kg delivered, each producer alone.")


class PlanItem(Schema):
    id: int
    hub: HubRef
    day: date
    version: int
    parent_id: int | None = Field(description="The previous version, when this plan is a re-plan.")
    status: Option
    progress: int = Field(description="0-100 while planning.")
    is_feasible: bool = Field(description="Every stop is on a route, within its window and the vehicles' limits.")
    is_edited: bool = Field(description="Stops were moved by hand after planning: times are indicative.")
    totals: PlanTotals
    savings: PlanSavings
    url: str


class PlanPage(Schema):
    items: list[PlanItem]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class StopItem(Schema):
    text: str
    quantity: str


class StopOut(Schema):
    id: int
    key: str = Field(description="The same stop across versions: collect:<producer>, pickup:<point> or order:<order>.")
    kind: Option
    name: str
    address: str
    lat: float | None
    lon: float | None
    sequence: int = Field(description="Order on the route, 0 when not planned.")
    trip: int
    window_start: datetime | None
    window_end: datetime | None
    arrival_at: datetime | None
    departure_at: datetime | None
    load_kg: Decimal = Field(description="Picked up (collection) or dropped (delivery) here.")
    crates: int
    deposit: Decimal = Field(description="Crate deposits, EUR.")
    on_board_kg: Decimal
    needs_cooling: bool
    is_locked: bool
    unplanned_reason: Option | None
    done_at: datetime | None
    items: list[StopItem] = Field(description="What to load or unload.")


class RouteOut(Schema):
    id: int
    plan_id: int
    number: int
    vehicle: str
    colour: str
    is_cooled: bool
    driver: str | None
    starts_at: datetime | None
    ends_at: datetime | None
    trips: int
    km: Decimal
    hours: Decimal
    cost: Decimal
    kg_out: Decimal
    kg_back: Decimal
    crates_out: int
    crates_back: int
    stops: list[StopOut]


class PlanDetail(PlanItem):
    routes: list[RouteOut]
    unplanned: list[StopOut]


class DriverRouteItem(Schema):
    id: int
    plan_id: int
    day: date
    number: int
    vehicle: str
    colour: str
    starts_at: datetime | None
    stop_count: int
    done_count: int
    url: str


class DriverRoutePage(Schema):
    items: list[DriverRouteItem]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class StopMoveIn(Schema):
    route: int = Field(description="The route of the same plan to put the stop on (last, locked to its vehicle).")


class PlanWarningOut(Schema):
    kind: str = Field(
        description="What the plan breaks: goods_not_ready, overloaded, late, shift_exceeded, too_many_trips, "
        "not_cooled or no_position."
    )
    route_id: int
    stop_id: int | None = Field(description="The stop concerned; null when it is the route as a whole.")
    message: str = Field(description="In the request's language, with the times and amounts.")


class StopMoveOut(Schema):
    stop: StopOut
    route_ids: list[int] = Field(description="The routes re-timed: their times are indicative until a re-plan.")
    warnings: list[PlanWarningOut] = Field(
        description="What the move broke; the move is made all the same (a dispatcher may override)."
    )
