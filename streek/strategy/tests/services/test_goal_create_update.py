import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.catalog.tests.factories import municipality
from streek.strategy.choices import GoalStatus, GoalTheme
from streek.strategy.models import PolicyGoal
from streek.strategy.services.goals import goal_archive, goal_create, goal_update
from streek.strategy.tests.factories import PolicyGoalFactory

pytestmark = pytest.mark.django_db


def test_create_makes_a_draft_shared_by_several_municipalities() -> None:
    # given
    actor = UserFactory()
    ids = [municipality("71053").pk, municipality("71070").pk]
    # when
    goal = goal_create(actor=actor, title=" Samen lokaal ", theme=GoalTheme.LOGISTICS, municipality_ids=ids)
    # then
    assert goal.title == "Samen lokaal" and goal.status == GoalStatus.DRAFT and goal.version == 0
    assert sorted(goal.municipalities.values_list("code", flat=True)) == ["71053", "71070"]
    assert goal.created_by == actor


def test_create_refuses_an_unknown_municipality() -> None:
    with pytest.raises(ValidationError):
        goal_create(actor=UserFactory(), title="X", municipality_ids=[987654321])
    assert not PolicyGoal.objects.exists()


def test_update_changes_texts_and_municipalities() -> None:
    # given
    goal = PolicyGoalFactory()
    # when
    goal_update(
        goal=goal,
        actor=UserFactory(),
        iceberg_trends="Minder hoevewinkels",
        statement="Nieuw doel",
        municipality_ids=[municipality("71070").pk],
    )
    # then
    goal.refresh_from_db()
    assert goal.iceberg_trends == "Minder hoevewinkels" and goal.statement == "Nieuw doel"
    assert list(goal.municipalities.values_list("code", flat=True)) == ["71070"]


def test_update_refuses_an_unknown_field() -> None:
    with pytest.raises(TypeError):
        goal_update(goal=PolicyGoalFactory(), actor=UserFactory(), status="published")


def test_archive_takes_the_goal_out_of_the_library() -> None:
    goal = goal_archive(goal=PolicyGoalFactory(status=GoalStatus.PUBLISHED), actor=UserFactory())
    goal.refresh_from_db()
    assert goal.status == GoalStatus.ARCHIVED
