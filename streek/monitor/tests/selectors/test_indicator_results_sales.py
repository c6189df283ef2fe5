"""K4-K7, K9 and K10 (distance) from hand-made sale facts: exact values."""

from decimal import Decimal

import pytest

from streek.monitor.selectors import Audience, indicator_results
from streek.monitor.tests.selectors.scenario import figures, others_scenario, sales_scenario

pytestmark = pytest.mark.django_db
D = Decimal


def test_supply_side_figures_of_a_municipality_and_year():
    scenario = sales_scenario()
    others_scenario(scenario)

    got = figures(indicator_results(area=scenario.area, year=2025, audience=Audience.public()))

    # K4: p1, p2, p4 sell with <= 1 intermediary; 3 of the 60 farms entered
    assert got["K4.producers"].value == D("3")
    assert got["K4.share_of_farms"].value == D("5.0")
    # K5: producers' value of short-chain lines 100 + 160 + 40 over the farm output 30000
    assert got["K5.producer_value"].value == D("300.00")
    assert got["K5.share"].value == D("1.0")
    # K6: 100 + 200 + 40 against 150 + 50 + 50 the year before
    assert got["K6.turnover"].value == D("340.00")
    assert got["K6.growth"].value == D("36.0")
    # per channel: built from two producers (consumer) and one (horeca), suppressed for the public
    assert (got["K6.channel.consumer"].suppressed, got["K6.channel.consumer"].organisations) == (True, 2)
    assert (got["K6.channel.horeca"].suppressed, got["K6.channel.horeca"].value) == (True, None)
    admin = figures(indicator_results(area=scenario.area, year=2025, audience=Audience.admin()))
    assert admin["K6.channel.consumer"].value == D("140.00")
    assert admin["K6.channel.horeca"].value == D("200.00")
    # K7: four lines, two direct, one via a hub, one via two intermediaries
    assert got["K7.lines"].value == D("4")
    assert (got["K7.share_0"].value, got["K7.share_1"].value, got["K7.share_2plus"].value) == (
        D("50.0"),
        D("25.0"),
        D("25.0"),
    )
    # K9: 100 + 50 + 40 of 390 bought in Sint-Truiden itself; 10 + 5 + 2 kg
    assert got["K9.value_within"].value == D("190.00")
    assert got["K9.kg_within"].value == D("17.0")
    assert got["K9.share_within"].value == D("48.7")
    # K10: (2*10 + 20*20 + 4*5 + 1*2) / 37 kg
    assert got["K10.mean_distance_km"].value == D("11.9")
    assert got["K10.mean_distance_km"].organisations == 4


def test_a_quarter_counts_only_its_own_lines_and_only_quarterly_indicators():
    scenario = sales_scenario()

    results = indicator_results(area=scenario.area, year=2025, quarter=3, audience=Audience.admin())

    codes = [result.code for result in results]
    assert codes == ["K4", "K6", "K7", "K9", "K10", "K11", "K13"]
    got = figures(results)
    assert got["K6.turnover"].value == D("40.00")
    assert got["K7.lines"].value == D("1")
    assert got["K6.growth"].missing  # no sales in the third quarter of 2024
