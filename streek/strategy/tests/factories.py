"""Factories for policy goals. Keep them generic: tests set what they assert on.

A goal defaults to Sint-Truiden (71053). `published_goal()` builds a goal that passes the publish check.
"""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from streek.accounts.models import User
from streek.catalog.tests.factories import municipality
from streek.strategy.choices import AmoreCriterion, GoalStatus, GoalTheme, ResourceKind
from streek.strategy.models import AmoreScore, GoalResource, Measure, Milestone, PolicyGoal

LONG_WHY = "Because the workshop showed that farmers, kitchens and residents all gain from it in this region today."


class PolicyGoalFactory(DjangoModelFactory):
    class Meta:
        model = PolicyGoal
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Meer korte keten {n}")
    theme = GoalTheme.SHORT_CHAIN_SHARE
    status = GoalStatus.DRAFT
    statement = "Tegen 2030 verkopen de boeren van de stad 10 % via de korte keten."

    @factory.post_generation
    def municipalities(self, create: bool, extracted: list | None, **kwargs: object) -> None:  # type: ignore[type-arg]
        if not create:
            return
        self.municipalities.set(extracted if extracted is not None else [municipality()])  # type: ignore[attr-defined]


class AmoreScoreFactory(DjangoModelFactory):
    class Meta:
        model = AmoreScore

    goal = factory.SubFactory(PolicyGoalFactory)
    criterion = AmoreCriterion.AMBITIOUS
    score = 4
    justification = LONG_WHY


class MeasureFactory(DjangoModelFactory):
    class Meta:
        model = Measure

    goal = factory.SubFactory(PolicyGoalFactory)
    figure_key = "K6.turnover"
    baseline_year = 2020
    baseline_value = Decimal("1000")
    target_year = 2030
    target_value = Decimal("2000")


class MilestoneFactory(DjangoModelFactory):
    class Meta:
        model = Milestone

    goal = factory.SubFactory(PolicyGoalFactory)
    title = factory.Sequence(lambda n: f"Stap {n}")


class GoalResourceFactory(DjangoModelFactory):
    class Meta:
        model = GoalResource

    goal = factory.SubFactory(PolicyGoalFactory)
    kind = ResourceKind.BUDGET
    description = "Werkingsbudget"
    amount = Decimal("15000.00")


def complete_goal(**fields: object) -> PolicyGoal:
    """A draft that passes the publish check: a statement, one measure and all five AMORE scores."""
    goal = PolicyGoalFactory(**fields)
    MeasureFactory(goal=goal)
    for criterion in AmoreCriterion:
        AmoreScoreFactory(goal=goal, criterion=criterion)
    return goal


def published_goal(*, actor: User | None = None, **fields: object) -> PolicyGoal:
    """A complete goal published through the service (version 1)."""
    from streek.accounts.tests.factories import AdminUserFactory
    from streek.strategy.services.goals import goal_publish

    goal = complete_goal(**fields)
    return goal_publish(goal=goal, actor=actor or AdminUserFactory(), summary="First")
