import pytest

from streek.accounts.tests.factories import OfficerFactory
from streek.catalog.tests.factories import municipality
from streek.strategy.choices import GoalStatus, GoalTheme
from streek.strategy.selectors.goals import GoalFilters, goal_list, goal_list_for_editor
from streek.strategy.tests.factories import MeasureFactory, MilestoneFactory, PolicyGoalFactory, published_goal

pytestmark = pytest.mark.django_db


def _titles(filters: GoalFilters) -> set[str]:
    return {goal.title for goal in goal_list(filters=filters).object_list}


def test_library_shows_published_goals_only() -> None:
    published_goal(title="Gepubliceerd")
    PolicyGoalFactory(title="Ontwerp")
    PolicyGoalFactory(title="Gearchiveerd", status=GoalStatus.ARCHIVED)
    assert _titles(GoalFilters()) == {"Gepubliceerd"}


def test_library_filters_on_theme_country_region_municipality_and_text() -> None:
    # given
    published_goal(title="Scholen Sint-Truiden", theme=GoalTheme.FOOD_EDUCATION, statement="Elke school kookt lokaal.")
    published_goal(title="Antwerpen logistiek", theme=GoalTheme.LOGISTICS, municipalities=[municipality("11002")])
    shared = published_goal(
        title="Samen", municipalities=[municipality("71053"), municipality("71070"), municipality("11002")]
    )
    # then
    assert _titles(GoalFilters(theme=GoalTheme.LOGISTICS)) == {"Antwerpen logistiek"}
    assert _titles(GoalFilters(municipality="71070")) == {"Samen"}
    assert _titles(GoalFilters(country="nl")) == set()
    assert _titles(GoalFilters(country="BE")) == {"Scholen Sint-Truiden", "Antwerpen logistiek", "Samen"}
    assert _titles(GoalFilters(text="kookt")) == {"Scholen Sint-Truiden"}
    province = municipality("71053").province
    assert province is not None
    assert _titles(GoalFilters(region=province.code)) == {"Scholen Sint-Truiden", "Samen"}
    assert goal_list(filters=GoalFilters()).paginator.count == 3  # a shared goal counts once
    assert shared in goal_list(filters=GoalFilters(municipality="71053")).object_list


def test_library_page_costs_the_same_queries_for_more_goals(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    def load() -> None:
        page = goal_list(filters=GoalFilters(theme=GoalTheme.SHORT_CHAIN_SHARE))
        for goal in page.object_list:
            list(goal.municipalities.all()), list(goal.measures.all()), goal.milestones_done
            assert goal.custom_region is None

    published_goal()
    with django_assert_num_queries(4):  # count, page, municipalities, measures
        load()
    for _ in range(4):
        goal = published_goal(municipalities=[municipality("71053"), municipality("71070")])
        MeasureFactory(goal=goal)
        MilestoneFactory(goal=goal)
    with django_assert_num_queries(4):
        load()


def test_library_counts_milestones_done() -> None:
    goal = published_goal()
    MilestoneFactory(goal=goal)
    MilestoneFactory(goal=goal, done_on="2026-01-05")
    row = goal_list(filters=GoalFilters()).object_list[0]
    assert (row.milestones_done, row.milestones_total) == (1, 2)


def test_editor_list_holds_the_goals_of_the_officers_municipalities() -> None:
    officer = OfficerFactory(municipality=municipality("71070")).user
    mine = PolicyGoalFactory(municipalities=[municipality("71053"), municipality("71070")])
    PolicyGoalFactory()
    assert goal_list_for_editor(actor=officer) == [mine]
