from collections.abc import Callable
from datetime import date, time

import pytest

from streek.api import responses
from streek.catalog.models import Concept, SalesPoint
from streek.catalog.tests.factories import ClosurePeriodFactory, OpeningRuleFactory, SalesPointFactory


@pytest.fixture(autouse=True)
def check_fast_responses(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every body a list endpoint encodes itself must be what its response schema would have rendered."""
    monkeypatch.setattr(responses, "CHECK_AGAINST_SCHEMA", True)


def concept(scheme: str, key: str) -> Concept:
    return Concept.objects.get(scheme=scheme, key=key)


@pytest.fixture
def make_points(db: None) -> Callable[..., list[SalesPoint]]:
    """n public points, each with two opening rules, a closure, a category and a label (what list items show)."""

    def make(n: int, **fields: object) -> list[SalesPoint]:
        fruit, demeter = concept("product_type", "fruit"), concept("facet", "Demeter")
        points = SalesPointFactory.create_batch(n, **fields)
        for point in points:
            OpeningRuleFactory.create(sales_point=point, weekday=0, opens=time(9), closes=time(12))
            OpeningRuleFactory.create(sales_point=point, weekday=5, opens=time(14), closes=time(18))
            ClosurePeriodFactory.create(sales_point=point, start_date=date(2030, 1, 1), end_date=date(2030, 1, 7))
            point.categories.add(fruit)
            point.labels.add(demeter)
        return points

    return make
