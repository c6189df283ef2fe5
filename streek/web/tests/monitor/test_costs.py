import pytest

from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.monitor.models import ProducerCost
from streek.monitor.tests.factories import ProducerCostFactory

from .helpers import client_for

pytestmark = pytest.mark.django_db


def _data(**overrides: str) -> dict[str, str]:
    data = {"year": "2025", "channel": "consumer", "costs": "1250.50", "consent": "on"}
    data.update(overrides)
    return data


def test_a_producer_member_enters_costs_with_consent() -> None:
    membership = MembershipFactory()
    url = f"/monitor/kosten/{membership.organisation.pk}/"

    response = client_for(membership.user).post(url, _data())

    assert response.status_code == 302
    cost = ProducerCost.objects.get()
    assert cost.consent is True
    assert str(cost.costs) == "1250.50"
    assert "Consumers" in client_for(membership.user).get(url).content.decode()


def test_errors_stay_next_to_the_field_and_nothing_is_written() -> None:
    membership = MembershipFactory()

    response = client_for(membership.user).post(f"/monitor/kosten/{membership.organisation.pk}/", _data(costs="-1"))

    assert response.status_code == 400
    assert 'id="id_costs_error"' in response.content.decode()
    assert not ProducerCost.objects.exists()


def test_others_cannot_see_or_enter_a_producers_costs() -> None:
    producer = OrganisationFactory()
    cost = ProducerCostFactory(organisation=producer)
    stranger = MembershipFactory().user  # member of another producer
    for user in (stranger, UserFactory()):
        client = client_for(user)
        assert client.get(f"/monitor/kosten/{producer.pk}/").status_code == 404
        assert client.post(f"/monitor/kosten/{producer.pk}/", _data(year="2024")).status_code == 404
        assert client.post(f"/monitor/kosten/regel/{cost.pk}/verwijderen/").status_code == 404
    assert list(ProducerCost.objects.all()) == [cost]


def test_a_member_deletes_their_costs() -> None:
    membership = MembershipFactory()
    cost = ProducerCostFactory(organisation=membership.organisation)

    response = client_for(membership.user).post(f"/monitor/kosten/regel/{cost.pk}/verwijderen/")

    assert response.status_code == 302
    assert not ProducerCost.objects.exists()
