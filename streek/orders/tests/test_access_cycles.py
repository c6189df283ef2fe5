"""The guards of a hub's back office, its cycles, its channel terms and a producer's view of a cycle."""

import pytest
from django.contrib.auth.models import AnonymousUser

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import AdminUserFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import NotFound, PermissionRefused
from streek.orders.access import access_channel_terms, access_cycle, access_hub, access_producer_in_cycle
from streek.orders.choices import ChannelKind, CycleStatus
from streek.orders.tests.factories import ChannelTermsFactory, CycleProducerFactory, HubFactory, OrderCycleFactory
from streek.orders.tests.hub_scenarios import member_of, outsider

pytestmark = pytest.mark.django_db


# access_hub


def test_access_hub_lets_a_staff_member_read():
    hub = HubFactory()
    staff = member_of(hub, MembershipRole.STAFF)

    assert access_hub(actor=staff, hub_id=hub.pk) == hub


def test_access_hub_refuses_a_staff_member_to_write():
    hub = HubFactory()
    staff = member_of(hub, MembershipRole.STAFF)

    with pytest.raises(PermissionRefused):
        access_hub(actor=staff, hub_id=hub.pk, for_write=True)


@pytest.mark.parametrize("role", [MembershipRole.OWNER, MembershipRole.MANAGER])
def test_access_hub_lets_owners_and_managers_write(role):
    hub = HubFactory()
    editor = member_of(hub, role)

    assert access_hub(actor=editor, hub_id=hub.pk, for_write=True) == hub


def test_access_hub_hides_the_hub_from_outsiders_and_anonymous_visitors():
    hub = HubFactory()

    for actor in (outsider(), AnonymousUser(), member_of(HubFactory())):
        with pytest.raises(NotFound):
            access_hub(actor=actor, hub_id=hub.pk)


def test_access_hub_lets_a_platform_admin_write():
    hub = HubFactory()

    assert access_hub(actor=AdminUserFactory(), hub_id=hub.pk, for_write=True) == hub


def test_access_hub_of_a_missing_hub_is_not_found():
    with pytest.raises(NotFound):
        access_hub(actor=AdminUserFactory(), hub_id=999_999)


# access_cycle


def test_access_cycle_shows_a_published_cycle_to_anyone():
    cycle = OrderCycleFactory()

    assert access_cycle(actor=AnonymousUser(), cycle_id=cycle.pk) == cycle
    assert access_cycle(actor=outsider(), cycle_id=cycle.pk) == cycle


def test_access_cycle_hides_a_draft_from_outsiders():
    cycle = OrderCycleFactory(status=CycleStatus.DRAFT)

    for actor in (AnonymousUser(), outsider()):
        with pytest.raises(NotFound):
            access_cycle(actor=actor, cycle_id=cycle.pk)


def test_access_cycle_shows_a_draft_to_the_hub_staff():
    cycle = OrderCycleFactory(status=CycleStatus.DRAFT)

    assert access_cycle(actor=member_of(cycle.hub, MembershipRole.STAFF), cycle_id=cycle.pk) == cycle


def test_access_cycle_refuses_changes_to_staff_and_outsiders():
    cycle = OrderCycleFactory()

    for actor in (member_of(cycle.hub, MembershipRole.STAFF), outsider()):
        with pytest.raises(PermissionRefused):
            access_cycle(actor=actor, cycle_id=cycle.pk, for_write=True)


def test_access_cycle_lets_the_hub_manager_change_a_draft():
    cycle = OrderCycleFactory(status=CycleStatus.DRAFT)

    assert access_cycle(actor=member_of(cycle.hub, MembershipRole.MANAGER), cycle_id=cycle.pk, for_write=True) == cycle


def test_access_cycle_refuses_a_producer_in_the_cycle_to_change_it():
    exchange = CycleProducerFactory()

    with pytest.raises(PermissionRefused):
        access_cycle(actor=member_of(exchange.producer), cycle_id=exchange.cycle_id, for_write=True)


def test_access_cycle_of_a_missing_cycle_is_not_found():
    with pytest.raises(NotFound):
        access_cycle(actor=AdminUserFactory(), cycle_id=999_999)


# access_channel_terms


def test_access_channel_terms_are_readable_by_buyers():
    terms = ChannelTermsFactory(kind=ChannelKind.HORECA)

    assert access_channel_terms(actor=AnonymousUser(), terms_id=terms.pk) == terms


def test_access_channel_terms_are_changed_only_by_the_hub_editors():
    terms = ChannelTermsFactory(kind=ChannelKind.HORECA)

    assert access_channel_terms(actor=member_of(terms.hub), terms_id=terms.pk, for_write=True) == terms
    for actor in (AnonymousUser(), outsider(), member_of(terms.hub, MembershipRole.STAFF), member_of(HubFactory())):
        with pytest.raises(PermissionRefused):
            access_channel_terms(actor=actor, terms_id=terms.pk, for_write=True)


def test_access_channel_terms_missing_are_not_found():
    with pytest.raises(NotFound):
        access_channel_terms(actor=AdminUserFactory(), terms_id=999_999)


# access_producer_in_cycle


def test_access_producer_in_cycle_lets_the_producer_staff_in():
    exchange = CycleProducerFactory()
    staff = member_of(exchange.producer, MembershipRole.STAFF)

    assert access_producer_in_cycle(actor=staff, cycle_id=exchange.cycle_id, producer_id=exchange.producer_id).pk == (
        exchange.cycle_id
    )


def test_access_producer_in_cycle_hides_a_cycle_the_producer_is_not_in():
    exchange = CycleProducerFactory()
    other = OrganisationFactory()

    with pytest.raises(NotFound):
        access_producer_in_cycle(actor=member_of(other), cycle_id=exchange.cycle_id, producer_id=other.pk)


def test_access_producer_in_cycle_refuses_members_of_other_organisations():
    exchange = CycleProducerFactory()
    hub_owner = member_of(exchange.cycle.hub)

    for actor in (outsider(), AnonymousUser(), hub_owner, member_of(OrganisationFactory())):
        with pytest.raises(NotFound):
            access_producer_in_cycle(actor=actor, cycle_id=exchange.cycle_id, producer_id=exchange.producer_id)


def test_access_producer_in_cycle_lets_a_platform_admin_in():
    exchange = CycleProducerFactory()

    cycle = access_producer_in_cycle(
        actor=AdminUserFactory(), cycle_id=exchange.cycle_id, producer_id=exchange.producer_id
    )

    assert cycle.pk == exchange.cycle_id
