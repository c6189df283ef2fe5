import pytest

from streek.strategy.tests.factories import MeasureFactory, PolicyGoalFactory, published_goal
from streek.territory.models import CustomRegion, Municipality

from .helpers import DASHBOARD, client_for, sales_by

pytestmark = pytest.mark.django_db


def test_the_target_of_a_published_goal_of_the_area_is_shown() -> None:
    # given a published goal of Sint-Truiden measuring the turnover, and sales by three producers
    goal = published_goal(title="Twice the short chain")
    sales_by(3)

    # when the public opens Sint-Truiden's dashboard
    body = client_for().get(DASHBOARD).content.decode()

    # then the K6 row and the K16 section show the target and link to the goal
    assert "2,000 EUR in 2030" in body
    assert f"/beleid/{goal.pk}/" in body
    assert "Twice the short chain" in body
    assert "On track" in body or "Behind" in body


def test_drafts_and_goals_of_other_areas_set_no_target() -> None:
    MeasureFactory(goal=PolicyGoalFactory(title="A draft"))
    published_goal(title="Leuven's goal", municipalities=[Municipality.objects.get(code="24062")])

    body = client_for().get(DASHBOARD).content.decode()

    assert "A draft" not in body
    assert "Leuven's goal" not in body
    assert "No published policy goal of this area sets a target yet." in body


def test_a_custom_region_dashboard_compares_with_the_country() -> None:
    region = CustomRegion.objects.create(name="Haspengouw", slug="haspengouw")
    region.municipalities.set(Municipality.objects.filter(code__in=["71053", "73042"]))
    sales_by(3)

    response = client_for().get("/monitor/custom_region-haspengouw/2025/")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Haspengouw" in body
    assert "300 EUR" in body
    assert "Belgi" in body
