"""All indicators of an area and year in a fixed, small number of queries, however many facts there are."""

import pytest

from streek.monitor.selectors import Audience, indicator_results
from streek.monitor.tests.factories import SaleFactFactory, SalesPointSnapshotFactory
from streek.monitor.tests.selectors.scenario import others_scenario, sales_scenario, snapshot_scenario

pytestmark = pytest.mark.django_db


def test_indicator_results_of_a_past_year_runs_twelve_queries(django_assert_num_queries):
    # entered figures, municipality centres, snapshot exists, points, sales by producer, sales by buyer,
    # collaborations, rounds, donations, waste, producer costs, the consenting producers' sales
    scenario = sales_scenario()
    others_scenario(scenario)
    snapshot_scenario(2025)

    with django_assert_num_queries(12):
        results = indicator_results(area=scenario.area, year=2025, audience=Audience.public())

    assert len(results) == 15


def test_more_facts_do_not_add_queries(django_assert_num_queries):
    scenario = sales_scenario()
    others_scenario(scenario)
    snapshot_scenario(2025)
    SaleFactFactory.create_batch(20, producer=scenario.producers[0])
    SalesPointSnapshotFactory.create_batch(5, year=2025)

    with django_assert_num_queries(12):
        indicator_results(area=scenario.area, year=2025, audience=Audience.public())
