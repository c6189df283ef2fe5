from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.catalog.tests.factories import OrganisationFactory, municipality
from streek.monitor.selectors import Figure
from streek.strategy.choices import GoalStatus, PartnerKind, PolicyDomain
from streek.strategy.models import GoalPartner
from streek.strategy.services import copy as copy_module
from streek.strategy.services.copy import goal_copy
from streek.strategy.tests.factories import MilestoneFactory, PolicyGoalFactory, published_goal

pytestmark = pytest.mark.django_db


def _monitor_knows(monkeypatch: pytest.MonkeyPatch, value: Decimal | None) -> list[Any]:
    calls: list[Any] = []

    def fake(*, area: Any, figure_key: str, year: int, audience: Any) -> Figure:
        calls.append((area, figure_key, year))
        return Figure(key=figure_key, value=value, organisations=5, suppressed=False, missing="")

    monkeypatch.setattr(copy_module, "figure_value", fake)
    return calls


def test_copy_takes_over_the_method_and_retakes_the_baseline_for_the_new_area(monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    source = published_goal(
        title="Hasselt eet lokaal",
        vision_2050="Visie",
        iceberg_trends="Trends",
        iceberg_influences="Invloeden",
        iceberg_assumptions="Aannames",
    )
    MilestoneFactory(goal=source, title="Startdag", due_on=date(2026, 3, 1), done_on=date(2026, 3, 2), owner="Dienst")
    GoalPartner.objects.create(goal=source, kind=PartnerKind.INTERNAL_DOMAIN, policy_domain=PolicyDomain.HEALTH)
    GoalPartner.objects.create(
        goal=source, kind=PartnerKind.FOOD_ACTOR, organisation=OrganisationFactory(), name="Hoeve"
    )
    calls = _monitor_knows(monkeypatch, Decimal("4321"))
    heusden = municipality("71070")
    # when
    goal = goal_copy(source=source, actor=UserFactory(), municipality_ids=[heusden.pk])
    # then
    assert goal.status == GoalStatus.DRAFT and goal.version == 0 and goal.copied_from == source
    assert goal.title == "Hasselt eet lokaal" and goal.vision_2050 == "Visie"
    assert (goal.iceberg_trends, goal.iceberg_influences, goal.iceberg_assumptions) == (
        "Trends",
        "Invloeden",
        "Aannames",
    )
    assert goal.amore_scores.count() == 5
    milestone = goal.milestones.get()
    assert (milestone.title, milestone.owner, milestone.due_on, milestone.done_on) == ("Startdag", "Dienst", None, None)
    assert list(goal.partners.values_list("kind", "policy_domain")) == [("internal_domain", "health")]
    measure = goal.measures.get()
    assert measure.baseline_value == Decimal("4321") and measure.target_value == Decimal("2000")
    assert calls[0][0].municipality_ids == (heusden.pk,) and calls[0][1:] == ("K6.turnover", 2020)


def test_copy_keeps_the_source_baseline_where_the_monitor_has_no_value(monkeypatch: pytest.MonkeyPatch) -> None:
    # given
    source = published_goal()
    _monitor_knows(monkeypatch, None)
    # when
    goal = goal_copy(source=source, actor=UserFactory(), municipality_ids=[municipality("71070").pk], title="Mijn")
    # then
    assert goal.title == "Mijn"
    assert goal.measures.get().baseline_value == Decimal("1000")


def test_copy_refuses_a_draft() -> None:
    source = PolicyGoalFactory()
    with pytest.raises(ValidationError):
        goal_copy(source=source, actor=UserFactory(), municipality_ids=[municipality("71070").pk])
    assert source.copies.count() == 0
