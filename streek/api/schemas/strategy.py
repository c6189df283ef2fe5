"""Schemas of the policy-goal endpoints (read-only)."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from streek.strategy.choices import GoalTheme

from .common import MunicipalityRef


class GoalFilterParams(Schema):
    theme: GoalTheme | None = Field(None, description="Theme of the goal.")
    municipality: str | None = Field(None, description="NIS (BE) or CBS (NL) code of one of the goal's municipalities.")
    country: str | None = Field(None, max_length=2, description="Country code: BE or NL.")
    region: str | None = Field(None, max_length=140, description="A custom region's slug or a province code.")
    q: str | None = Field(None, max_length=100, description="Search in title, statement and vision.")


class RegionRef(Schema):
    slug: str
    name: str


class MeasureOut(Schema):
    id: int
    figure_key: str = Field(description="Key of a monitor figure, see /api/v1/indicators.")
    baseline_year: int
    baseline_value: Decimal
    target_year: int
    target_value: Decimal
    note: str


class GoalItem(Schema):
    id: int
    title: str
    theme: str
    theme_label: str
    status: str
    version: int = Field(description="Number of the latest published version.")
    published_at: datetime | None
    municipalities: list[MunicipalityRef]
    custom_region: RegionRef | None
    statement: str
    measures: list[MeasureOut]
    milestones_total: int
    milestones_done: int
    url: str = Field(description="API URL of the goal.")
    page_url: str = Field(description="Web page of the goal.")


class GoalPage(Schema):
    items: list[GoalItem]
    next: str | None = Field(description="URL of the next page, null on the last page.")
    count: int | None = Field(None, description="Total number of matches, only with ?count=true.")


class AmoreOut(Schema):
    criterion: str = Field(description="A, M, O, R or E.")
    label: str
    score: int | None
    justification: str
    hints: list[str]


class PartnerOut(Schema):
    kind: str
    policy_domain: str
    name: str
    role: str
    organisation_slug: str | None
    municipality: MunicipalityRef | None


class ResourceOut(Schema):
    kind: str
    description: str
    amount: Decimal | None


class MilestoneOut(Schema):
    title: str
    due_on: date | None
    owner: str
    done_on: date | None


class YearValue(Schema):
    year: int
    value: Decimal | None


class ObservedValue(Schema):
    year: int
    value: Decimal | None = Field(description="Null when unknown or suppressed.")
    suppressed: bool = Field(description="Built from fewer than 3 organisations: hidden from the public.")
    missing: str = Field(description="Why the value is unknown, if it is.")


class ProgressOut(Schema):
    measure: MeasureOut
    figure_label: str
    unit: str
    area: str = Field(description="The area measured, as kind:key.")
    observed: list[ObservedValue]
    straight_path: list[YearValue]
    required_path: list[YearValue]
    planned_growth: Decimal | None = Field(description="Constant yearly growth (fraction) from baseline to target.")
    required_growth: Decimal | None = Field(description="Yearly growth (fraction) still needed from the latest value.")
    on_track: bool | None = Field(description="Latest observation on the right side of the straight path.")


class GoalDetail(GoalItem):
    vision_2050: str
    iceberg_trends: str
    iceberg_influences: str
    iceberg_assumptions: str
    copied_from: int | None
    amore: list[AmoreOut]
    partners: list[PartnerOut]
    resources: list[ResourceOut]
    milestones: list[MilestoneOut]
    progress: list[ProgressOut]
