import pytest
from django.core.exceptions import ValidationError

from streek.accounts.tests.factories import UserFactory
from streek.strategy.choices import AmoreCriterion, GoalStatus
from streek.strategy.models import GoalVersion
from streek.strategy.services.goals import goal_publish
from streek.strategy.tests.factories import AmoreScoreFactory, MeasureFactory, PolicyGoalFactory, complete_goal

pytestmark = pytest.mark.django_db


def test_publish_records_version_one_with_a_snapshot_of_the_whole_goal() -> None:
    # given
    goal = complete_goal(title="Korte keten Sint-Truiden", vision_2050="Elke inwoner eet lokaal.")
    actor = UserFactory()
    # when
    published = goal_publish(goal=goal, actor=actor, summary="Eerste versie")
    # then
    assert published.status == GoalStatus.PUBLISHED
    assert published.version == 1 and published.published_at is not None
    version = GoalVersion.objects.get(goal=goal)
    assert version.number == 1 and version.summary == "Eerste versie" and version.created_by == actor
    assert version.snapshot["title"] == "Korte keten Sint-Truiden"
    assert version.snapshot["vision_2050"] == "Elke inwoner eet lokaal."
    assert [row["criterion"] for row in version.snapshot["amore"]] == sorted(c.value for c in AmoreCriterion)
    assert version.snapshot["measures"][0]["figure_key"] == "K6.turnover"
    assert version.snapshot["measures"][0]["baseline_value"] == "1000.0000"
    assert version.snapshot["municipalities"][0]["code"] == "71053"


def test_publishing_again_adds_the_next_version_and_keeps_the_old_snapshot() -> None:
    # given
    goal = goal_publish(goal=complete_goal(title="Oud"), actor=UserFactory())
    goal.title = "Nieuw"
    goal.save()
    # when
    again = goal_publish(goal=goal, actor=UserFactory(), summary="Titel")
    # then
    assert again.version == 2
    snapshots = dict(GoalVersion.objects.filter(goal=goal).values_list("number", "snapshot__title"))
    assert snapshots == {1: "Oud", 2: "Nieuw"}


@pytest.mark.parametrize("missing", ["statement", "measure", "amore"])
def test_publish_refuses_an_incomplete_goal_and_changes_nothing(missing: str) -> None:
    # given
    goal = PolicyGoalFactory(statement="" if missing == "statement" else "Een doel.")
    if missing != "measure":
        MeasureFactory(goal=goal)
    criteria = list(AmoreCriterion)[:-1] if missing == "amore" else list(AmoreCriterion)
    for criterion in criteria:
        AmoreScoreFactory(goal=goal, criterion=criterion)
    # when
    with pytest.raises(ValidationError) as raised:
        goal_publish(goal=goal, actor=UserFactory())
    # then
    assert len(raised.value.messages) == 1
    goal.refresh_from_db()
    assert goal.status == GoalStatus.DRAFT and goal.version == 0 and goal.published_at is None
    assert not GoalVersion.objects.exists()
