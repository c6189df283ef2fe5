"""Schemas of the monitor endpoints: indicator definitions, an area's figures, one figure across municipalities.

Values are decimals written as strings (exact, decimal point), or null when unknown or hidden (`suppressed`).
"""

from decimal import Decimal

from ninja import Field, Schema


class FigureDefinitionOut(Schema):
    key: str = Field(description="e.g. K6.turnover")
    label: str
    unit: str = Field(description="count, eur, percent, kg, km, km_per_kg, per_10000, days or ratio")
    higher_is_better: bool | None


class IndicatorOut(Schema):
    code: str = Field(description="K1 to K16")
    title: str
    question: str
    method: str
    unit: str
    source: str
    caveats: str
    mufpp: str = Field(description="Related Milan Urban Food Policy Pact indicator.")
    per_quarter: bool
    figures: list[FigureDefinitionOut]
    url: str = Field(description="API URL of the indicator.")
    page: str = Field(description="Web page of the definition.")


class IndicatorList(Schema):
    items: list[IndicatorOut]


class AreaOut(Schema):
    kind: str = Field(description="municipality, custom_region, province, admin_region or country")
    code: str
    name: str
    municipality_count: int


class FigureOut(Schema):
    key: str
    label: str
    unit: str
    value: Decimal | None
    organisations: int | None = Field(description="Distinct organisations behind the figure (null: not applicable).")
    suppressed: bool = Field(description="Hidden: built from fewer than 3 organisations.")
    missing: str = Field(description="Why the value is unknown (e.g. an entered figure is missing), or empty.")


class IndicatorResultOut(Schema):
    code: str
    title: str
    figures: list[FigureOut]


class AreaIndicatorsParams(Schema):
    year: int = Field(..., ge=2000, le=2100, description="The year.")
    quarter: int | None = Field(None, ge=1, le=4, description="A quarter (only the indicators computed per quarter).")


class AreaIndicators(Schema):
    area: AreaOut
    year: int
    quarter: int | None
    sees_unsuppressed: bool = Field(description="Whether the caller sees figures of fewer than 3 organisations.")
    indicators: list[IndicatorResultOut]


class ByMunicipalityParams(Schema):
    figure: str | None = Field(None, description="Figure key of the indicator; its first figure when left out.")
    year: int = Field(..., ge=2000, le=2100)
    region: str | None = Field(
        None, description="Only the municipalities of this area, as kind:key (e.g. province:10000, country:NL)."
    )


class MunicipalityFigureOut(Schema):
    code: str
    name: str
    value: Decimal | None
    organisations: int | None
    suppressed: bool
    missing: str


class ByMunicipality(Schema):
    indicator: str
    figure: FigureDefinitionOut
    year: int
    region: AreaOut | None
    items: list[MunicipalityFigureOut]
