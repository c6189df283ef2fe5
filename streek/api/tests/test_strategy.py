from decimal import Decimal
from typing import Any

import pytest
from django.test import Client

from streek.accounts.tests.factories import OfficerFactory
from streek.catalog.tests.factories import municipality
from streek.strategy.tests.factories import MeasureFactory, MilestoneFactory, PolicyGoalFactory, published_goal

pytestmark = pytest.mark.django_db

LIST = "/api/v1/goals"


def titles(response: Any) -> list[str]:
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize("n", [2, 12])
def test_list_query_count_does_not_grow_with_the_data(n: int, client: Client, django_assert_num_queries: Any) -> None:
    for _ in range(n):
        goal = published_goal(municipalities=[municipality("71053"), municipality("71070")])
        MeasureFactory(goal=goal)
        MilestoneFactory(goal=goal)

    with django_assert_num_queries(3):  # page, municipalities, measures
        response = client.get(LIST, {"limit": "50"})

    assert response.status_code == 200 and len(response.json()["items"]) == n


def test_list_shows_published_goals_only_and_filters(client: Client) -> None:
    published_goal(title="Scholen", theme="food_education")
    published_goal(title="Antwerpen", theme="logistics", municipalities=[municipality("11002")])
    PolicyGoalFactory(title="Ontwerp")

    assert sorted(titles(client.get(LIST))) == ["Antwerpen", "Scholen"]
    assert titles(client.get(LIST, {"theme": "logistics"})) == ["Antwerpen"]
    assert titles(client.get(LIST, {"municipality": "71053"})) == ["Scholen"]
    assert client.get(LIST, {"theme": "nothing"}).status_code == 422


def test_list_walks_every_goal_once_with_the_cursor(client: Client) -> None:
    for n in range(5):
        published_goal(title=f"Doel {n}")
    seen: list[str] = []
    response = client.get(LIST, {"limit": "2", "count": "true"})
    assert response.json()["count"] == 5
    while True:
        seen += titles(response)
        following = response.json()["next"]
        if not following:
            break
        response = client.get(following)
    assert sorted(seen) == [f"Doel {n}" for n in range(5)]


def test_detail_has_the_method_measures_and_progress(client: Client) -> None:
    goal = published_goal(title="Lokaal", vision_2050="Visie")
    MilestoneFactory(goal=goal, title="Start")

    response = client.get(f"{LIST}/{goal.pk}")

    body = response.json()
    assert response.status_code == 200
    assert body["title"] == "Lokaal" and body["vision_2050"] == "Visie" and body["version"] == 1
    assert [row["criterion"] for row in body["amore"]] == ["A", "M", "O", "R", "E"]
    assert body["milestones"][0]["title"] == "Start" and body["milestones_total"] == 1
    [progress] = body["progress"]
    assert progress["measure"]["figure_key"] == "K6.turnover" and progress["unit"] == "eur"
    assert progress["area"] == "municipality:71053"
    assert progress["straight_path"][0] == {"year": 2020, "value": "1000.00"}
    assert Decimal(progress["planned_growth"]) == Decimal("0.0718")


def test_a_draft_is_not_found_except_for_its_editor(client: Client) -> None:
    draft = PolicyGoalFactory()
    assert client.get(f"{LIST}/{draft.pk}").status_code == 404
    client.force_login(OfficerFactory(municipality=municipality("71053")).user)
    assert client.get(f"{LIST}/{draft.pk}").status_code == 200
