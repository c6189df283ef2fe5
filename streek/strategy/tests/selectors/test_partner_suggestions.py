import pytest

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, municipality
from streek.strategy.models import GoalPartner
from streek.strategy.selectors.partners import partner_suggestions
from streek.strategy.tests.factories import PolicyGoalFactory

pytestmark = pytest.mark.django_db


def test_suggests_the_organisations_of_the_goal_municipalities_by_group_not_yet_partners() -> None:
    # given
    goal = PolicyGoalFactory()
    farm = OrganisationFactory(name="Hoeve A", kind=OrganisationKind.PRODUCER)
    partner = OrganisationFactory(name="Hoeve B", kind=OrganisationKind.PRODUCER)
    OrganisationFactory(name="Schoolkeuken", kind=OrganisationKind.SCHOOL)
    OrganisationFactory(name="Voedselbank", kind=OrganisationKind.FOOD_BANK)
    OrganisationFactory(name="Elders", municipality=municipality("11002"))
    OrganisationFactory(name="De gemeente", kind=OrganisationKind.MUNICIPALITY)
    GoalPartner.objects.create(goal=goal, kind="food_actor", organisation=partner, name="Hoeve B")
    # when
    groups = partner_suggestions(goal=goal)
    # then
    assert [(g.key, [o.name for o in g.organisations]) for g in groups] == [
        ("producers", [farm.name]),
        ("buyers", ["Schoolkeuken"]),
        ("food_banks", ["Voedselbank"]),
    ]
