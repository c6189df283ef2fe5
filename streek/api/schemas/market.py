"""Schemas of the market endpoints: the board of offers and requests, posting, the ranked matches and donations.

Product types, units and labels are DFC concept keys (e.g. `carrot`, `Kilogram`, `Organic`). Quantities, prices
and budgets are decimals; prices and budgets are per unit excl. VAT (null: on request).
"""

from datetime import date, datetime, time
from decimal import Decimal

from ninja import Field, Schema

from streek.market.choices import DonationStatus, Handover, PostStatus, Recurrence

from .common import LocalTime, MunicipalityRef, Option
from .market_orders import MAX_ID

# --- board filters ---------------------------------------------------------------------------------------------------


class BoardFilterParams(Schema):
    """Filters of the public board; repeatable parameters may also be comma separated."""

    q: str | None = Field(None, description="Search in title, description and organisation name.")
    product_type: list[str] = Field(default_factory=list, description="DFC product type key; narrower types count.")
    label: list[str] = Field(default_factory=list, description="DFC facet key (label); narrower facets count.")
    organisation_kind: list[str] = Field(default_factory=list, description="Kind of the posting organisation.")
    organisation: int | None = Field(None, description="Only the posts of this organisation (id).")
    municipality: str | None = Field(None, description="NIS (BE) or CBS (NL) code of a municipality.")
    region: str | None = Field(None, description="Custom region slug or province code (e.g. 70000, PV31).")
    near: str | None = Field(None, description="Centre as `lat,lon` in degrees; sorts by distance.")
    radius_km: float | None = Field(None, gt=0, le=250, description="Only posts within this radius of `near`.")


class OfferFilterParams(BoardFilterParams):
    surplus: bool = Field(False, description="Only surplus offers (a field surplus, unsold stock).")
    donation: bool = Field(False, description="Only offers food banks may claim, with something left.")


# --- output ---------------------------------------------------------------------------------------------------------


class PostOrganisation(Schema):
    id: int
    slug: str
    name: str
    kind: str


class PostOut(Schema):
    id: int
    title: str
    description: str
    organisation: PostOrganisation
    product_type: Option
    quantity: Decimal
    unit: Option
    recurrence: Recurrence
    starts_on: date
    ends_on: date | None
    place_name: str
    municipality: MunicipalityRef | None
    lat: float
    lon: float
    labels: list[Option]
    spec: list[str] = Field(description="Preparation: washed, peeled, cut, packed, graded, chilled, frozen.")
    status: PostStatus
    expires_at: datetime
    created_at: datetime
    distance_km: float | None = Field(None, description="Distance to `near`, when given.")
    url: str = Field(description="API URL of the post.")


class OfferOut(PostOut):
    price: Decimal | None = Field(description="Price indication per unit excl. VAT; null: on request.")
    packaging: str
    delivery_possible: bool
    delivery_radius_km: int | None
    is_surplus: bool
    donation_allowed: bool
    quantity_available: Decimal = Field(description="What food banks may still claim.")


class RequestOut(PostOut):
    max_distance_km: int
    needs_delivery: bool
    delivery_weekdays: list[int] = Field(description="Weekdays 0 (Monday) to 6 (Sunday).")
    delivery_time_from: LocalTime | None
    delivery_time_until: LocalTime | None
    budget: Decimal | None = Field(description="Budget indication per unit excl. VAT.")


class OfferPage(Schema):
    items: list[OfferOut]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class RequestPage(Schema):
    items: list[RequestOut]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


# --- input ----------------------------------------------------------------------------------------------------------


class PostIn(Schema):
    organisation: int = Field(description="The posting organisation (id); you must be one of its editors.")
    title: str = Field(min_length=1, max_length=200)
    description: str = ""
    product_type: str = Field(description="DFC product type key.")
    quantity: Decimal = Field(gt=0, max_digits=12, decimal_places=3)
    unit: str = Field(description="DFC quantity unit key, e.g. Kilogram.")
    recurrence: Recurrence = Recurrence.ONCE
    starts_on: date
    ends_on: date | None = None
    place_name: str = Field("", max_length=200)
    municipality: str | None = Field(None, description="NIS or CBS code of the municipality.")
    lat: float | None = Field(None, ge=-90, le=90, description="Empty: the organisation's position.")
    lon: float | None = Field(None, ge=-180, le=180)
    labels: list[str] = Field(default_factory=list, description="DFC facet keys.")
    spec: list[str] = Field(default_factory=list, description="Preparation options.")


class OfferIn(PostIn):
    price: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    packaging: str = Field("", max_length=200)
    delivery_possible: bool = False
    delivery_radius_km: int | None = Field(None, ge=1, le=32767)
    is_surplus: bool = False
    donation_allowed: bool = False


class RequestIn(PostIn):
    max_distance_km: int = Field(50, ge=1, le=250)
    needs_delivery: bool = True
    delivery_weekdays: list[int] = Field(default_factory=list, description="Weekdays 0 (Monday) to 6 (Sunday).")
    delivery_time_from: time | None = None
    delivery_time_until: time | None = None
    budget: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)


# --- matches --------------------------------------------------------------------------------------------------------


class CriterionOut(Schema):
    criterion: str
    label: str
    score: float = Field(description="0 to 1.")
    weight: int
    code: str
    text: str = Field(description="The explanation in the language of the request.")


class MatchedPost(Schema):
    id: int
    title: str
    organisation: PostOrganisation
    product_type: Option
    quantity: Decimal
    unit: Option
    url: str


class MatchOut(Schema):
    id: int
    score: float = Field(description="0 to 1, best first.")
    distance_km: float
    status: str
    offer: MatchedPost
    request: MatchedPost
    criteria: list[CriterionOut]


class MatchPage(Schema):
    items: list[MatchOut]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


# --- donations ------------------------------------------------------------------------------------------------------


class DonationOffer(Schema):
    id: int
    title: str
    url: str = Field(description="API URL of the offer.")


class DonationOut(Schema):
    id: int
    status: DonationStatus
    offer: DonationOffer
    donor: PostOrganisation
    food_bank: PostOrganisation
    quantity: Decimal = Field(description="What the food bank claimed.")
    unit: Option
    handover: Handover
    note: str
    claimed_at: datetime
    received_at: datetime | None
    received_quantity: Decimal | None
    received_kg: Decimal | None = Field(description="Null when the unit is not a mass.")
    cancelled_at: datetime | None


class DonationPage(Schema):
    items: list[DonationOut]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of donations, only with ?count=true.")


class DonationFilterParams(Schema):
    status: list[str] = Field(
        default_factory=list, description="Only donations with these statuses: claimed, received, cancelled."
    )


class ClaimIn(Schema):
    food_bank: int = Field(ge=1, le=MAX_ID, description="The food bank claiming (id); you are a member.")
    quantity: Decimal = Field(max_digits=12, decimal_places=3, description="Above zero, at most what is left.")
    handover: Handover = Handover.PICKUP
    note: str = Field("", max_length=300)


class ReceiptIn(Schema):
    received_quantity: Decimal | None = Field(
        None, max_digits=12, decimal_places=3, description="What arrived (0 to the claim); null: all that was claimed."
    )
