from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.services.threads import message_send
from streek.market.tests.factories import MatchFactory, OfferFactory, ThreadFactory, member

from .helpers import client_for

pytestmark = pytest.mark.django_db


def test_the_dashboard_tells_each_organisation_of_its_new_matches_and_unread_messages(
    django_assert_max_num_queries: Any,
) -> None:
    # given a user in a farm with two new matches and a buyer's unread message, and in a quiet school
    farm, school = OrganisationFactory(), OrganisationFactory()
    offer = OfferFactory(organisation=farm)
    MatchFactory(offer=offer)
    MatchFactory(offer=offer)
    thread = ThreadFactory(recipient=farm, recipient_read_at=None, initiator_read_at=timezone.now())
    message_send(thread=thread, organisation=thread.initiator, actor=member(thread.initiator), body="Nog prei?")
    user = member(farm)
    MembershipFactory(user=user, organisation=school, role="staff")
    client = client_for(user)
    client.get(reverse("web:dashboard"))

    # when (the notices of both organisations in a fixed number of queries)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("web:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # then the farm's card says so and links to the market; the school's card says nothing
    assert "2 new matches on the market" in page
    assert "1 conversation with unread messages" in page
    assert page.count(reverse("web:market_mine") + '">2 new') == 1


def test_an_organisation_with_nothing_new_gets_no_notice() -> None:
    user = member(OrganisationFactory())
    page = client_for(user).get(reverse("web:dashboard"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "new match" not in page and "unread messages" not in page
