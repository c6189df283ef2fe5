from decimal import Decimal

import pytest
from django.urls import reverse

from streek.accounts.tests.factories import OfficerFactory, UserFactory
from streek.catalog.tests.factories import OrganisationFactory, municipality
from streek.strategy.choices import AmoreCriterion, GoalStatus
from streek.strategy.models import GoalPartner, GoalVersion, Measure, PolicyGoal
from streek.strategy.tests.factories import LONG_WHY, MeasureFactory, PolicyGoalFactory, complete_goal, published_goal
from streek.web.tests.market.helpers import client_for

pytestmark = pytest.mark.django_db


def _officer(code: str = "71053"):  # type: ignore[no-untyped-def]
    return OfficerFactory(municipality=municipality(code)).user


def test_officer_creates_a_goal_and_lands_in_the_workspace() -> None:
    # given
    client = client_for(_officer())
    # when
    response = client.post(
        reverse("web:strategy_create"),
        {"title": "Korte keten 2030", "theme": "short_chain_share", "municipalities": [municipality("71053").pk]},
    )
    # then
    goal = PolicyGoal.objects.get()
    location = response["Location"]
    assert response.status_code == 302 and location == reverse("web:strategy_workspace", args=[goal.pk])
    page = client.get(location).content.decode()
    assert "Systemic iceberg" in page and "AMORE check" in page and "Score this criterion" in page


def test_create_is_refused_to_someone_who_is_not_an_officer() -> None:
    response = client_for(UserFactory()).post(
        reverse("web:strategy_create"), {"title": "X", "theme": "other", "other_codes": "71053"}
    )
    assert response.status_code == 403
    assert not PolicyGoal.objects.exists()


def test_create_for_another_municipality_only_is_refused() -> None:
    response = client_for(_officer()).post(
        reverse("web:strategy_create"), {"title": "X", "theme": "other", "other_codes": "11002"}
    )
    assert response.status_code == 403
    assert not PolicyGoal.objects.exists()


def test_sections_save_and_errors_stay_next_to_the_field() -> None:
    # given
    goal = PolicyGoalFactory()
    client = client_for(_officer())
    # when
    saved = client.post(
        reverse("web:strategy_section", args=[goal.pk, "ijsberg"]),
        {"iceberg_trends": "Minder boeren", "iceberg_influences": "", "iceberg_assumptions": ""},
    )
    bad = client.post(reverse("web:strategy_section", args=[goal.pk, "basis"]), {"title": "", "theme": "other"})
    # then
    goal.refresh_from_db()
    assert saved.status_code == 302 and goal.iceberg_trends == "Minder boeren"
    assert bad.status_code == 400 and "field-error" in bad.content.decode()
    assert goal.title != ""


def test_amore_form_saves_scores_and_shows_hints() -> None:
    goal = PolicyGoalFactory()
    client = client_for(_officer())
    response = client.post(
        reverse("web:strategy_amore", args=[goal.pk]),
        {"score_A": "2", "justification_A": "Te weinig", "score_M": "4", "justification_M": LONG_WHY},
    )
    assert response.status_code == 302
    assert dict(goal.amore_scores.values_list("criterion", "score")) == {"A": 2, "M": 4}
    page = client.get(reverse("web:strategy_workspace", args=[goal.pk])).content.decode()
    assert "25 percent" in page and "Say why" in page


def test_partner_suggestion_is_added_with_one_button() -> None:
    goal = PolicyGoalFactory()
    farm = OrganisationFactory(name="Hoeve Zonneveld")
    client = client_for(_officer())
    page = client.get(reverse("web:strategy_workspace", args=[goal.pk])).content.decode()
    assert "Hoeve Zonneveld" in page
    response = client.post(
        reverse("web:strategy_partner_add", args=[goal.pk]), {"kind": "food_actor", "organisation": farm.pk}
    )
    assert response.status_code == 302
    assert GoalPartner.objects.get().organisation == farm


def test_measure_add_with_an_unknown_figure_is_refused_next_to_the_field() -> None:
    goal = PolicyGoalFactory()
    client = client_for(_officer())
    ok = client.post(
        reverse("web:strategy_measure_add", args=[goal.pk]),
        {
            "figure_key": "K5.share",
            "baseline_year": "2022",
            "baseline_value": "2",
            "target_year": "2050",
            "target_value": "25",
        },
    )
    backwards = client.post(
        reverse("web:strategy_measure_add", args=[goal.pk]),
        {
            "figure_key": "K5.share",
            "baseline_year": "2022",
            "baseline_value": "2",
            "target_year": "2020",
            "target_value": "25",
        },
    )
    assert ok.status_code == 302
    assert backwards.status_code == 400 and "The target year must come after the baseline year." in (
        backwards.content.decode()
    )
    assert list(Measure.objects.values_list("figure_key", "target_value")) == [("K5.share", Decimal("25.0000"))]


def test_publish_through_the_page_and_refusal_lists_what_is_missing() -> None:
    client = client_for(_officer())
    incomplete = PolicyGoalFactory(statement="")
    refused = client.post(reverse("web:strategy_publish", args=[incomplete.pk]), {"summary": ""})
    assert refused.status_code == 400 and "Write the goal statement." in refused.content.decode()
    incomplete.refresh_from_db()
    assert incomplete.status == GoalStatus.DRAFT
    goal = complete_goal()
    response = client.post(reverse("web:strategy_publish", args=[goal.pk]), {"summary": "Start"})
    assert response.status_code == 302
    goal.refresh_from_db()
    assert goal.status == GoalStatus.PUBLISHED and GoalVersion.objects.filter(goal=goal, number=1).exists()


def test_non_editors_are_refused_and_nothing_changes() -> None:
    # given
    draft = PolicyGoalFactory(title="Ontwerp")
    published = published_goal(title="Gepubliceerd")
    measure = MeasureFactory(goal=published)
    stranger = client_for(_officer("11002"))
    # then: a draft does not exist for them, a published goal may not be changed
    assert stranger.get(reverse("web:strategy_workspace", args=[draft.pk])).status_code == 404
    assert stranger.get(reverse("web:strategy_workspace", args=[published.pk])).status_code == 403
    posts = [
        (reverse("web:strategy_section", args=[draft.pk, "basis"]), {"title": "Weg", "theme": "other"}, 404),
        (reverse("web:strategy_section", args=[published.pk, "doel"]), {"statement": "Gekaapt"}, 403),
        (reverse("web:strategy_amore", args=[published.pk]), {"score_A": "1"}, 403),
        (reverse("web:strategy_publish", args=[draft.pk]), {}, 404),
        (reverse("web:strategy_archive", args=[published.pk]), {}, 403),
        (reverse("web:strategy_item_remove", args=[published.pk, "measure", measure.pk]), {}, 403),
        (reverse("web:strategy_partner_add", args=[published.pk]), {"kind": "food_actor", "name": "X"}, 403),
    ]
    for url, data, status in posts:
        assert stranger.post(url, data).status_code == status, url
    draft.refresh_from_db()
    published.refresh_from_db()
    assert draft.title == "Ontwerp" and draft.status == GoalStatus.DRAFT
    assert published.statement != "Gekaapt" and published.status == GoalStatus.PUBLISHED
    assert Measure.objects.filter(pk=measure.pk).exists()
    assert not published.amore_scores.filter(score=1).exists() and not published.partners.exists()
    assert client_for().post(reverse("web:strategy_amore", args=[published.pk]), {}).status_code == 302  # to login


def test_officer_starts_from_a_copy() -> None:
    source = published_goal(title="Voorbeeld")
    client = client_for(_officer("71070"))
    form = client.get(reverse("web:strategy_copy", args=[source.pk]))
    assert form.status_code == 200
    response = client.post(
        reverse("web:strategy_copy", args=[source.pk]),
        {"title": "Mijn kopie", "municipalities": [municipality("71070").pk]},
    )
    copy = PolicyGoal.objects.get(copied_from=source)
    assert response.status_code == 302 and copy.title == "Mijn kopie" and copy.status == GoalStatus.DRAFT
    assert copy.amore_scores.count() == len(AmoreCriterion)


def test_my_goals_lists_the_officers_goals() -> None:
    PolicyGoalFactory(title="Van mij")
    PolicyGoalFactory(title="Van Antwerpen", municipalities=[municipality("11002")])
    content = client_for(_officer()).get(reverse("web:strategy_mine")).content.decode()
    assert "Van mij" in content and "Van Antwerpen" not in content


def test_basics_share_the_goal_with_another_municipality_but_never_hand_it_over() -> None:
    # given
    goal = PolicyGoalFactory(title="Oud")
    client = client_for(_officer())
    url = reverse("web:strategy_section", args=[goal.pk, "basis"])
    # when
    shared = client.post(
        url,
        {"title": "Samen", "theme": "other", "municipalities": [municipality("71053").pk], "other_codes": "71070"},
    )
    handed = client.post(url, {"title": "Weg", "theme": "other", "other_codes": "11002"})
    # then
    assert shared.status_code == 302 and handed.status_code == 403
    goal.refresh_from_db()
    assert goal.title == "Samen"
    assert sorted(goal.municipalities.values_list("code", flat=True)) == ["71053", "71070"]
