import pytest
from django.urls import reverse

from streek.accounts.tests.factories import OfficerFactory, UserFactory
from streek.catalog.tests.factories import municipality
from streek.strategy.tests.factories import MeasureFactory, MilestoneFactory, PolicyGoalFactory, published_goal
from streek.web.tests.market.helpers import client_for

pytestmark = pytest.mark.django_db


def test_library_lists_published_goals_with_measures_and_hides_drafts() -> None:
    # given
    published_goal(title="Korte keten voor iedereen")
    PolicyGoalFactory(title="Geheim ontwerp")
    # when
    response = client_for().get(reverse("web:strategy_library"))
    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert "Korte keten voor iedereen" in content and "K6.turnover" in content
    assert "Geheim ontwerp" not in content
    assert "Start from a copy" not in content  # only officers copy


def test_library_filters_and_offers_officers_a_copy() -> None:
    published_goal(title="Scholen", theme="food_education")
    published_goal(title="Routes", theme="logistics")
    officer = OfficerFactory(municipality=municipality("71070")).user
    content = client_for(officer).get(reverse("web:strategy_library"), {"theme": "logistics"}).content.decode()
    assert "Routes" in content and "Scholen" not in content
    assert "Start from a copy" in content


def test_library_page_query_count_does_not_grow_with_the_goals(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    published_goal()
    client = client_for(UserFactory())
    url = reverse("web:strategy_library")
    client.get(url)
    with django_assert_num_queries(7) as first:  # session, user, officer check, count, page, municipalities, measures
        assert client.get(url).status_code == 200
    for _ in range(5):
        goal = published_goal(municipalities=[municipality("71053"), municipality("71070")])
        MeasureFactory(goal=goal)
        MilestoneFactory(goal=goal)
    with django_assert_num_queries(len(first.captured_queries)):
        assert client.get(url).status_code == 200


def test_goal_page_shows_progress_and_a_draft_is_not_found_for_the_public() -> None:
    goal = published_goal(title="Lokaal in de keuken")
    draft = PolicyGoalFactory()
    public = client_for()
    content = public.get(reverse("web:strategy_goal", args=[goal.pk])).content.decode()
    assert "Lokaal in de keuken" in content and "Measures and progress" in content and "<svg" in content
    assert public.get(reverse("web:strategy_goal", args=[draft.pk])).status_code == 404


def test_versions_list_and_snapshot_page() -> None:
    goal = published_goal(title="Eerste titel")
    goal.title = "Tweede titel"
    goal.save()
    client = client_for()
    listing = client.get(reverse("web:strategy_versions", args=[goal.pk])).content.decode()
    assert "First" in listing
    snapshot = client.get(reverse("web:strategy_version", args=[goal.pk, 1])).content.decode()
    assert "Eerste titel" in snapshot
    assert client.get(reverse("web:strategy_version", args=[goal.pk, 9])).status_code == 404
