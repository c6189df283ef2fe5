"""A producer's members enter its costs per channel (K15); others are refused and nothing changes."""

from decimal import Decimal

import pytest

from streek.accounts.tests.factories import MembershipFactory, OfficerFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import ApplicationError, NotFound
from streek.monitor.models import ProducerCost
from streek.monitor.services import producer_cost_delete, producer_cost_save

pytestmark = pytest.mark.django_db


def test_a_member_saves_and_replaces_the_costs_of_a_channel():
    producer = OrganisationFactory()
    member = MembershipFactory(organisation=producer).user

    producer_cost_save(
        actor=member, organisation_id=producer.pk, year=2025, channel="consumer", costs=Decimal("10"), consent=False
    )
    cost = producer_cost_save(
        actor=member, organisation_id=producer.pk, year=2025, channel="consumer", costs=Decimal("12"), consent=True
    )

    assert ProducerCost.objects.get() == cost
    assert (cost.costs, cost.consent, cost.entered_by) == (Decimal("12"), True, member)


def test_someone_else_is_refused_and_nothing_is_saved():
    producer = OrganisationFactory()

    with pytest.raises(NotFound):
        producer_cost_save(
            actor=OfficerFactory().user,
            organisation_id=producer.pk,
            year=2025,
            channel="consumer",
            costs=Decimal("10"),
            consent=True,
        )
    assert not ProducerCost.objects.exists()


def test_an_unknown_channel_is_refused():
    producer = OrganisationFactory()
    member = MembershipFactory(organisation=producer).user

    with pytest.raises(ApplicationError):
        producer_cost_save(
            actor=member, organisation_id=producer.pk, year=2025, channel="moon", costs=Decimal("1"), consent=True
        )
    assert not ProducerCost.objects.exists()


def test_a_member_deletes_the_costs():
    producer = OrganisationFactory()
    member = MembershipFactory(organisation=producer).user
    cost = producer_cost_save(
        actor=member, organisation_id=producer.pk, year=2025, channel="consumer", costs=Decimal("1"), consent=True
    )

    producer_cost_delete(actor=member, producer_cost=cost)

    assert not ProducerCost.objects.exists()
