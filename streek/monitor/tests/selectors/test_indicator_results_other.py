"""K8, K10 (rounds), K11, K12, K13, K14 and K15 from hand-made facts and entries: exact values."""

from decimal import Decimal

import pytest
from django.utils import translation

from streek.monitor.selectors import Audience, indicator_results
from streek.monitor.tests.selectors.scenario import figures, others_scenario, sales_scenario

pytestmark = pytest.mark.django_db
D = Decimal


def test_collaborations_procurement_surplus_rounds_costs_and_entries():
    scenario = sales_scenario()
    others_scenario(scenario)

    got = figures(indicator_results(area=scenario.area, year=2025, audience=Audience.admin()))

    # K8: four relations of four producers, three new
    assert (got["K8.total"].value, got["K8.new"].value) == (D("4"), D("3"))
    assert (got["K8.producer_hub"].value, got["K8.producer_processor"].value, got["K8.producer_buyer"].value) == (
        D("2"),
        D("1"),
        D("1"),
    )
    # K10: three rounds of 100 km delivering 400 kg each
    assert got["K10.km_per_kg"].value == D("0.250")
    assert got["K10.km_driven"].value == D("300.0")
    # K11: a school in Sint-Truiden bought 10 + 20 + 30 short chain (100 via two intermediaries left out) of 6000
    assert got["K11.value"].value == D("60.00")
    assert got["K11.share"].value == D("1.0")
    assert got["K11.value"].organisations == 3
    # K12 and K14: as entered, no organisations behind them
    assert (got["K12.markets"].value, got["K12.market_days"].value, got["K12.visitors"].value) == (
        D("2"),
        D("80"),
        D("5000"),
    )
    assert got["K12.markets"].organisations is None
    assert (got["K14.schools"].value, got["K14.pupils"].value) == (D("4"), D("300"))
    # K13: three donors gave 10 + 20 + 30 kg; three organisations threw away 5 kg each
    assert (got["K13.redistributed_kg"].value, got["K13.donations"].value) == (D("60.0"), D("3"))
    assert got["K13.waste_kg"].value == D("15.0")
    # K15: consumer (100 + 40 - 60 - 30) / 140; horeca (160 - 80) / 160; all (300 - 170) / 300; no consent: left out
    assert got["K15.channel.consumer"].value == D("35.7")
    assert got["K15.channel.horeca"].value == D("50.0")
    assert got["K15.margin"].value == D("43.3")
    assert got["K15.margin"].organisations == 3


def test_a_missing_entered_figure_says_which_and_leaves_the_share_unknown():
    scenario = sales_scenario()

    with translation.override("en"):
        got = figures(indicator_results(area=scenario.area, year=2025, audience=Audience.public()))

    assert got["K4.share_of_farms"].value is None
    assert got["K4.share_of_farms"].missing == "Number of farms (census) for 2025 not entered."
    assert got["K12.markets"].value is None
    assert got["K12.markets"].missing == "Farmers' markets for 2025 not entered."
