"""Schemas of the sales point endpoints: filter parameters, list items, map markers and the detail."""

from datetime import date, datetime

from ninja import Field, Schema

from .common import LocalTime, MunicipalityRef, Option


class SalesPointFilterParams(Schema):
    """The filters of the map and list pages, with the same names (a permalink works everywhere).

    Declared as text so that they appear in the OpenAPI schema; they are parsed and validated by the shared
    parser of the web pages, which names each bad parameter in the problem body.
    """

    q: str | None = Field(None, description="Search in name and locality.")
    type: list[str] = Field(default_factory=list, description="Sales point type; repeatable or comma separated.")
    category: list[str] = Field(default_factory=list, description="DFC product type key; narrower types included.")
    label: list[str] = Field(default_factory=list, description="DFC facet key (label); narrower facets included.")
    municipality: str | None = Field(None, description="NIS (BE) or CBS (NL) code of a municipality.")
    region: str | None = Field(None, description="Custom region slug or province code (e.g. 70000, PV31).")
    open_now: str | None = Field(None, description="true: only points open at this moment.")
    open_on: str | None = Field(None, description="Only points open on this day (YYYY-MM-DD).")
    near: str | None = Field(None, description="Postal code or place name; sorts by distance.")
    country: str | None = Field(None, description="BE or NL: where to look up `near` first (default BE).")
    lat: str | None = Field(None, description="Latitude of the centre (with lon, instead of near).")
    lon: str | None = Field(None, description="Longitude of the centre (with lat, instead of near).")
    radius_km: str | None = Field(None, description="Radius around the centre in km (default 25, max 200).")
    bbox: str | None = Field(None, description="Viewport as west,south,east,north in degrees.")
    cooled: str | None = Field(None, description="true or false: cooled storage.")


class MapParams(Schema):
    zoom: int = Field(8, ge=0, le=20, description="Map zoom level; decides the size of the cluster cells.")


class SalesPointItem(Schema):
    id: int
    slug: str
    name: str
    type: str
    type_label: str
    status: str
    municipality: MunicipalityRef
    address: str
    lat: float
    lon: float
    distance_km: float | None = Field(None, description="Distance to the centre, when near or lat/lon is given.")
    categories: list[str]
    labels: list[str]
    cooled: bool
    last_verified_at: datetime | None
    url: str = Field(description="The public page of the point.")
    is_open_now: bool


class SalesPointPage(Schema):
    items: list[SalesPointItem]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class MapPoint(Schema):
    id: int
    slug: str
    name: str
    type: str
    status: str
    lat: float
    lon: float


class MapCluster(Schema):
    lat: float
    lon: float
    count: int


class SalesPointMap(Schema):
    total: int = Field(description="Number of points in the viewport that match the filters.")
    clusters: list[MapCluster] = Field(description="Grid clusters, when the viewport holds too many points.")
    points: list[MapPoint] = Field(description="Single markers, when the viewport holds few enough points.")


class OpeningRuleOut(Schema):
    weekday: int = Field(description="0 is Monday, 6 is Sunday.")
    weekday_label: str
    opens: LocalTime
    closes: LocalTime
    season_start: int | None = Field(description="Start of the season as MMDD, null all year.")
    season_end: int | None = Field(description="End of the season as MMDD, null all year.")
    season_name: str


class ClosureOut(Schema):
    start_date: date
    end_date: date
    reason: str


class OpeningStatusOut(Schema):
    is_open: bool
    closes_at: datetime | None
    next_opening: datetime | None


class OperatorSummary(Schema):
    slug: str
    name: str
    kind: str
    kind_label: str
    url: str = Field(description="API URL of the organisation.")


class SalesPointDetail(Schema):
    id: int
    slug: str
    name: str
    type: str
    type_label: str
    status: str
    status_label: str
    description: str
    street: str
    postal_code: str
    locality: str
    municipality: MunicipalityRef
    province: str | None
    lat: float
    lon: float
    position_exact: bool
    phone: str
    email: str
    website: str
    categories: list[Option]
    labels: list[Option]
    payment_methods: list[Option]
    accessibility: list[Option]
    cooled: bool
    hours_note: str
    opening_rules: list[OpeningRuleOut]
    closures: list[ClosureOut] = Field(description="Closures that have not ended yet.")
    opening_status: OpeningStatusOut
    operator: OperatorSummary | None
    last_verified_at: datetime | None
    url: str
