import pytest

from streek.catalog.models import Concept
from streek.catalog.selectors.open_data import open_data_rows
from streek.catalog.selectors.sales_points import SalesPointFilters
from streek.catalog.tests.factories import OpeningRuleFactory, SalesPointFactory

pytestmark = pytest.mark.django_db


def _points(count: int) -> None:
    egg = Concept.objects.get(scheme="product_type", key="egg")
    for _ in range(count):
        point = SalesPointFactory()
        point.categories.add(egg)
        OpeningRuleFactory(sales_point=point)


def test_rows_need_one_query_per_relation_whatever_the_number_of_points(django_assert_num_queries) -> None:
    # given
    _points(12)

    # when / then: points (with municipality), categories, labels, opening rules
    with django_assert_num_queries(4):
        rows = list(open_data_rows(SalesPointFilters()))

    assert len(rows) == 12
    assert rows[0]["categories"] == ["egg"]
    assert rows[0]["hours"] == "za 09:00-12:00"


def test_rows_are_read_in_chunks(django_assert_num_queries) -> None:
    _points(5)

    # one query for the points (fetched in chunks from the same cursor), three prefetches per chunk
    with django_assert_num_queries(1 + 2 * 3):
        rows = list(open_data_rows(SalesPointFilters(), chunk_size=3))

    assert len(rows) == 5
