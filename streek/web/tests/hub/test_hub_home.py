from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from streek.orders.choices import AdmissionStatus, CycleStatus
from streek.orders.tests.factories import ChannelAdmissionFactory, ChannelTermsFactory, OrderCycleFactory

from .scenario import client_for, team

pytestmark = pytest.mark.django_db


def home_url(hub_id: int) -> str:
    return reverse("web:hub_home", args=[hub_id])


def test_the_home_sorts_cycles_and_lists_what_needs_attention() -> None:
    # given an open cycle, a draft, one past its closing time, and an admission request
    people = team()
    now = timezone.now()
    OrderCycleFactory(hub=people.hub, name="Open week")
    OrderCycleFactory(hub=people.hub, name="Still a draft", status=CycleStatus.DRAFT)
    OrderCycleFactory(
        hub=people.hub, name="Past its time", opens_at=now - timedelta(days=8), closes_at=now - timedelta(days=1)
    )
    terms = ChannelTermsFactory(hub=people.hub, kind="horeca")
    ChannelAdmissionFactory(terms=terms, status=AdmissionStatus.REQUESTED)

    # when
    response = client_for(people.owner).get(home_url(people.hub.pk))

    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert "Needs your attention" in page
    assert "Past its time stopped taking orders" in page
    assert "Still a draft is a draft" in page
    assert "1 buyer asks to be admitted" in page
    assert "Open week" in page
    assert "New order cycle" in page


def test_staff_see_the_cycles_but_cannot_create_one() -> None:
    people = team()
    OrderCycleFactory(hub=people.hub, name="Open week")

    response = client_for(people.staff).get(home_url(people.hub.pk))

    assert response.status_code == 200
    assert "Open week" in response.content.decode()
    assert "New order cycle" not in response.content.decode()


def test_a_member_of_another_hub_and_an_outsider_get_404_and_guests_sign_in() -> None:
    people = team()

    assert client_for(people.stranger).get(home_url(people.hub.pk)).status_code == 404
    assert client_for().get(home_url(people.hub.pk)).status_code == 302


@pytest.mark.parametrize("cycles", [2, 8])
def test_the_home_takes_the_same_number_of_queries_whatever_the_number_of_cycles(
    cycles: int, django_assert_num_queries
) -> None:  # type: ignore[no-untyped-def]
    people = team()
    for _ in range(cycles):
        OrderCycleFactory(hub=people.hub)
    client = client_for(people.owner)

    # session, user, hub, membership (member), cycles, channels, admissions, membership (editor)
    with django_assert_num_queries(8):
        assert client.get(home_url(people.hub.pk)).status_code == 200


def test_the_index_leads_straight_to_the_only_hub() -> None:
    people = team()

    response = client_for(people.owner).get(reverse("web:hub_index"))

    assert response.status_code == 302
    assert response["Location"] == home_url(people.hub.pk)
