"""Hand-made facts of Sint-Truiden (71053) in 2025 with known indicator values (see the tests for the sums)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory, municipality
from streek.monitor.areas import Area, area_resolve
from streek.monitor.choices import CollaborationKind, FigureKind
from streek.monitor.selectors import IndicatorResult
from streek.monitor.selectors.types import Figure
from streek.monitor.tests.factories import (
    CollaborationFactFactory,
    DonationFactFactory,
    ExternalFigureFactory,
    ProducerCostFactory,
    RouteFactFactory,
    SaleFactFactory,
    SalesPointSnapshotFactory,
    WasteFactFactory,
)

SINT_TRUIDEN, HASSELT = "71053", "71072"
D = Decimal


@dataclass
class Scenario:
    area: Area
    producers: list[Organisation]


def figures(results: list[IndicatorResult]) -> dict[str, Figure]:
    return {figure.key: figure for result in results for figure in result.figures}


def sales_scenario() -> Scenario:
    """Four producers of Sint-Truiden: three sell short chain in 2025; three sold in 2024."""
    st, hasselt = municipality(SINT_TRUIDEN), municipality(HASSELT)
    p1, p2, p3, p4 = (OrganisationFactory(municipality=st) for _ in range(4))
    line = SaleFactFactory
    line(producer=p1, value=D("100"), producer_value=D("100"), weight_kg=D("10"), distance_km=D("2"))
    line(
        producer=p2,
        value=D("200"),
        producer_value=D("160"),
        intermediaries=1,
        channel="horeca",
        buyer_municipality=hasselt,
        weight_kg=D("20"),
        distance_km=D("20"),
    )
    line(producer=p3, value=D("50"), producer_value=D("40"), intermediaries=2, weight_kg=D("5"), distance_km=D("4"))
    line(producer=p4, value=D("40"), producer_value=D("40"), weight_kg=D("2"), distance_km=D("1"), quarter=3)
    for producer, value in ((p1, "150"), (p2, "50"), (p3, "50")):
        line(producer=producer, value=D(value), producer_value=D(value), year=2024, delivered_on=dt.date(2024, 5, 1))
    return Scenario(area=area_resolve(kind="municipality", key=SINT_TRUIDEN), producers=[p1, p2, p3, p4])


def others_scenario(scenario: Scenario) -> None:
    """Public buyers, collaborations, surplus, rounds, costs and entered figures around the sales scenario."""
    st, hasselt = municipality(SINT_TRUIDEN), municipality(HASSELT)
    p1, p2, p3, p4 = scenario.producers
    school = OrganisationFactory(kind="school", municipality=st)
    for value, intermediaries in (("10", 0), ("20", 1), ("30", 1), ("100", 2)):
        SaleFactFactory(
            producer=OrganisationFactory(municipality=hasselt),
            buyer_organisation=school,
            buyer_kind="school",
            buyer_municipality=st,
            is_public_buyer=True,
            channel="school",
            value=D(value),
            producer_value=D(value),
            intermediaries=intermediaries,
        )
    hub = OrganisationFactory(kind="hub", municipality=st)
    CollaborationFactFactory(producer=p1, partner=hub)
    CollaborationFactFactory(producer=p2, partner=hub, is_new=False)
    CollaborationFactFactory(producer=p3, kind=CollaborationKind.PRODUCER_PROCESSOR, partner__kind="processor")
    CollaborationFactFactory(producer=p4, kind=CollaborationKind.PRODUCER_BUYER, partner__kind="horeca")
    for kg in ("10", "20", "30"):
        DonationFactFactory(donor__municipality=st, kg=D(kg))
        WasteFactFactory(organisation__municipality=st)
        RouteFactFactory(hub__municipality=st)
    ProducerCostFactory(organisation=p1, channel="consumer", costs=D("60"))
    ProducerCostFactory(organisation=p2, channel="horeca", costs=D("80"))
    ProducerCostFactory(organisation=p4, channel="consumer", costs=D("30"))
    ProducerCostFactory(organisation=p3, channel="consumer", costs=D("1"), consent=False)
    for kind, value in (
        (FigureKind.POPULATION, "40000"),
        (FigureKind.FARMS, "60"),
        (FigureKind.FARM_OUTPUT, "30000"),
        (FigureKind.PUBLIC_FOOD_SPEND, "6000"),
        (FigureKind.FARMERS_MARKETS, "2"),
        (FigureKind.MARKET_DAYS, "80"),
        (FigureKind.MARKET_VISITORS, "5000"),
        (FigureKind.SCHOOLS_WITH_ACTIVITY, "4"),
        (FigureKind.PUPILS_REACHED, "300"),
    ):
        ExternalFigureFactory(municipality=st, kind=kind, value=D(value))


def snapshot_scenario(year: int = 2025) -> None:
    """Year-end inventory of Sint-Truiden: two points verified that year, one long ago, one closed."""
    st = municipality(SINT_TRUIDEN)
    centre = {"lat": st.lat, "lon": st.lon, "year": year}
    SalesPointSnapshotFactory(last_verified_on=dt.date(year, 6, 1), **centre)
    SalesPointSnapshotFactory(last_verified_on=dt.date(year, 6, 1), type="vending_machine", **centre)
    SalesPointSnapshotFactory(last_verified_on=dt.date(year - 2, 1, 1), **centre)
    SalesPointSnapshotFactory(is_active=False, **centre)
