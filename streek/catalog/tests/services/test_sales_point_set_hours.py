from datetime import time

import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.catalog.services.sales_points import sales_point_set_hours
from streek.catalog.tests.factories import OpeningRuleFactory, SalesPointFactory

pytestmark = pytest.mark.django_db


def test_invalid_rule_is_refused_and_the_old_hours_stay() -> None:
    point = SalesPointFactory()
    OpeningRuleFactory(sales_point=point, weekday=5, opens="09:00", closes="12:00")

    with pytest.raises(ValidationError):
        sales_point_set_hours(
            sales_point=point,
            actor=UserFactory(),
            rules=[{"weekday": 1, "opens": time(14), "closes": time(10)}],
        )

    assert [(r.weekday, r.opens, r.closes) for r in point.opening_rules.all()] == [(5, time(9), time(12))]
    assert not point.revisions.exists()
