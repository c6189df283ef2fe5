import pytest

from streek.accounts.tests.factories import AdminUserFactory, OfficerFactory, UserFactory
from streek.catalog.tests.factories import municipality
from streek.core.exceptions import NotFound, PermissionRefused
from streek.strategy.access import (
    access_goal,
    access_goal_copy,
    access_goal_create,
    access_goal_item,
    access_goal_version,
    is_goal_editor,
)
from streek.strategy.choices import GoalStatus
from streek.strategy.tests.factories import MeasureFactory, PolicyGoalFactory, published_goal

pytestmark = pytest.mark.django_db


def _officer(code: str):  # type: ignore[no-untyped-def]
    return OfficerFactory(municipality=municipality(code)).user


def test_officers_of_any_of_the_goal_municipalities_edit_it() -> None:
    goal = PolicyGoalFactory(municipalities=[municipality("71053"), municipality("71070")])
    assert access_goal(actor=_officer("71070"), goal_id=goal.pk, for_write=True) == goal
    assert access_goal(actor=AdminUserFactory(), goal_id=goal.pk, for_write=True) == goal
    assert is_goal_editor(actor=_officer("71053"), goal=goal)


def test_a_draft_does_not_exist_for_anyone_else() -> None:
    goal = PolicyGoalFactory()
    for actor in (UserFactory(), _officer("11002")):
        with pytest.raises(NotFound):
            access_goal(actor=actor, goal_id=goal.pk)


def test_a_published_goal_is_public_but_only_editors_change_it() -> None:
    goal = published_goal()
    assert access_goal(actor=UserFactory(), goal_id=goal.pk) == goal
    with pytest.raises(PermissionRefused):
        access_goal(actor=_officer("11002"), goal_id=goal.pk, for_write=True)


def test_an_archived_goal_is_hidden_from_the_public() -> None:
    goal = PolicyGoalFactory(status=GoalStatus.ARCHIVED)
    with pytest.raises(NotFound):
        access_goal(actor=UserFactory(), goal_id=goal.pk)


def test_create_needs_an_officer_of_one_of_the_municipalities() -> None:
    officer = _officer("71053")
    access_goal_create(actor=officer, municipality_ids=[municipality("71053").pk, municipality("71070").pk])
    with pytest.raises(PermissionRefused):
        access_goal_create(actor=officer, municipality_ids=[municipality("11002").pk])
    with pytest.raises(PermissionRefused):
        access_goal_create(actor=UserFactory(), municipality_ids=[municipality("71053").pk])


def test_copy_needs_a_published_source() -> None:
    officer = _officer("71070")
    own = [municipality("71070").pk]
    assert access_goal_copy(actor=officer, goal_id=published_goal().pk, municipality_ids=own)
    with pytest.raises(NotFound):
        access_goal_copy(actor=officer, goal_id=PolicyGoalFactory().pk, municipality_ids=own)


def test_an_item_of_another_goal_is_not_found() -> None:
    officer = _officer("71053")
    goal = PolicyGoalFactory()
    other = MeasureFactory()  # a goal of the same municipality, but not this one
    assert access_goal_item(actor=officer, goal_id=other.goal_id, item="measure", item_id=other.pk)[1] == other
    with pytest.raises(NotFound):
        access_goal_item(actor=officer, goal_id=goal.pk, item="measure", item_id=other.pk)
    with pytest.raises(NotFound):
        access_goal_item(actor=officer, goal_id=goal.pk, item="nothing", item_id=other.pk)


def test_versions_follow_the_goal() -> None:
    goal = published_goal()
    assert access_goal_version(actor=UserFactory(), goal_id=goal.pk, number=1)[1].number == 1
    with pytest.raises(NotFound):
        access_goal_version(actor=UserFactory(), goal_id=goal.pk, number=2)
