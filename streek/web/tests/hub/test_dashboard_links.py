import pytest
from django.urls import reverse

from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.orders.tests.factories import HubFactory
from streek.orders.tests.hub_scenarios import member_of

from .scenario import client_for

pytestmark = pytest.mark.django_db


def test_a_hub_member_gets_the_back_office_links_and_a_producer_its_orders_to_prepare() -> None:
    # given an owner of a hub who is also staff on a farm
    hub = HubFactory()
    farm = OrganisationFactory()
    user = member_of(hub)
    MembershipFactory(user=user, organisation=farm, role="staff")

    # when
    page = client_for(user).get(reverse("web:dashboard")).content.decode()

    # then
    assert reverse("web:hub_home", args=[hub.pk]) in page
    assert reverse("web:hub_channels", args=[hub.pk]) in page
    assert reverse("web:producer_preparation", args=[farm.pk]) in page
    assert reverse("web:hub_home", args=[farm.pk]) not in page  # staff do not run the farm's own cycles
