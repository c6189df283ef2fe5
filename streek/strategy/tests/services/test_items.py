from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.catalog.tests.factories import OrganisationFactory, municipality
from streek.strategy.choices import AmoreCriterion, PartnerKind, PolicyDomain
from streek.strategy.models import AmoreScore, GoalPartner, Measure
from streek.strategy.services.items import (
    amore_score_save,
    measure_add,
    measure_update,
    milestone_add,
    partner_add,
    resource_add,
)
from streek.strategy.tests.factories import MeasureFactory, PolicyGoalFactory

pytestmark = pytest.mark.django_db


def test_amore_score_save_replaces_the_earlier_score_of_a_criterion() -> None:
    goal = PolicyGoalFactory()
    amore_score_save(goal=goal, actor=UserFactory(), criterion=AmoreCriterion.AMBITIOUS, score=2)
    amore_score_save(goal=goal, actor=UserFactory(), criterion=AmoreCriterion.AMBITIOUS, score=5, justification=" ok ")
    assert list(AmoreScore.objects.values_list("criterion", "score", "justification")) == [("A", 5, "ok")]


def test_amore_score_save_refuses_a_score_outside_1_to_5() -> None:
    with pytest.raises(ValidationError):
        amore_score_save(goal=PolicyGoalFactory(), actor=UserFactory(), criterion="A", score=6)
    assert not AmoreScore.objects.exists()


def test_partner_add_each_kind_and_refuses_a_duplicate_organisation() -> None:
    # given
    goal = PolicyGoalFactory()
    farm = OrganisationFactory(name="Hoeve De Linde")
    actor = UserFactory()
    # when
    domain = partner_add(goal=goal, actor=actor, kind=PartnerKind.INTERNAL_DOMAIN, policy_domain=PolicyDomain.HEALTH)
    actor_partner = partner_add(goal=goal, actor=actor, kind=PartnerKind.FOOD_ACTOR, organisation_id=farm.pk)
    town = partner_add(
        goal=goal, actor=actor, kind=PartnerKind.MUNICIPALITY, municipality_id=municipality("71070").pk, role="Mee"
    )
    # then
    assert domain.policy_domain == "health"
    assert actor_partner.name == "Hoeve De Linde" and actor_partner.organisation == farm
    assert town.name == "Heusden-Zolder" and town.role == "Mee"
    with pytest.raises(ValidationError):
        partner_add(goal=goal, actor=actor, kind=PartnerKind.FOOD_ACTOR, organisation_id=farm.pk)
    assert GoalPartner.objects.count() == 3


def test_partner_add_needs_what_the_kind_requires() -> None:
    goal = PolicyGoalFactory()
    for kind in PartnerKind:
        with pytest.raises(ValidationError):
            partner_add(goal=goal, actor=UserFactory(), kind=kind)
    assert not GoalPartner.objects.exists()


def test_measure_add_validates_the_figure_against_the_monitor_and_the_years() -> None:
    # given
    goal = PolicyGoalFactory()
    fields: dict[str, Any] = {"baseline_value": Decimal("2"), "target_value": Decimal("25"), "baseline_year": 2022}
    # when
    measure = measure_add(goal=goal, actor=UserFactory(), figure_key="K5.share", target_year=2050, **fields)
    # then
    assert measure.figure_key == "K5.share"
    with pytest.raises(ValidationError) as unknown:
        measure_add(goal=goal, actor=UserFactory(), figure_key="K99.nothing", target_year=2050, **fields)
    assert "figure_key" in unknown.value.message_dict
    with pytest.raises(ValidationError) as backwards:
        measure_add(goal=goal, actor=UserFactory(), figure_key="K5.share", target_year=2022, **fields)
    assert "target_year" in backwards.value.message_dict
    assert Measure.objects.count() == 1


def test_measure_update_refuses_a_target_before_the_baseline_and_keeps_the_row() -> None:
    measure = MeasureFactory()
    with pytest.raises(ValidationError):
        measure_update(
            measure=measure,
            actor=UserFactory(),
            figure_key="K6.turnover",
            baseline_year=2020,
            baseline_value=Decimal("1"),
            target_year=2019,
            target_value=Decimal("2"),
        )
    measure.refresh_from_db()
    assert measure.target_year == 2030


def test_resource_and_milestone_add() -> None:
    goal = PolicyGoalFactory()
    resource = resource_add(goal=goal, actor=UserFactory(), kind="staff", description="0,5 VTE", amount=None)
    milestone = milestone_add(goal=goal, actor=UserFactory(), title="Overleg met de scholen", owner="Dienst onderwijs")
    assert resource.kind == "staff" and milestone.owner == "Dienst onderwijs"
    assert goal.resources.count() == 1 and goal.milestones.count() == 1
