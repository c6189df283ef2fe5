import pytest
from django.contrib.auth.models import AnonymousUser

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, OfficerFactory, UserFactory
from streek.catalog.access import access_event
from streek.catalog.choices import SalesPointStatus
from streek.catalog.tests.factories import EventFactory, SalesPointFactory, municipality
from streek.core.exceptions import NotFound, PermissionRefused

pytestmark = pytest.mark.django_db


def test_owner_of_the_organiser_may_write() -> None:
    membership = MembershipFactory(role=MembershipRole.OWNER)
    event = EventFactory(organiser=membership.organisation)

    assert access_event(actor=membership.user, event_id=event.pk, for_write=True) == event


def test_staff_member_of_the_organiser_is_refused() -> None:
    membership = MembershipFactory(role=MembershipRole.STAFF)
    event = EventFactory(organiser=membership.organisation)

    with pytest.raises(PermissionRefused):
        access_event(actor=membership.user, event_id=event.pk, for_write=True)


def test_officer_of_the_municipality_may_write() -> None:
    officer = OfficerFactory()
    event = EventFactory(municipality=officer.municipality)

    assert access_event(actor=officer.user, event_id=event.pk, for_write=True) == event


def test_officer_elsewhere_is_refused() -> None:
    officer = OfficerFactory(municipality=municipality("71072"))
    event = EventFactory()

    with pytest.raises(PermissionRefused):
        access_event(actor=officer.user, event_id=event.pk, for_write=True)


def test_anonymous_may_read_but_not_write() -> None:
    event = EventFactory()

    assert access_event(actor=AnonymousUser(), event_id=event.pk) == event
    with pytest.raises(PermissionRefused):
        access_event(actor=AnonymousUser(), event_id=event.pk, for_write=True)


def test_platform_admin_may_write() -> None:
    event = EventFactory()

    assert access_event(actor=AdminUserFactory(), event_id=event.pk, for_write=True) == event


def test_unknown_event_is_not_found() -> None:
    with pytest.raises(NotFound):
        access_event(actor=AdminUserFactory(), event_id=999_999)


def test_event_at_a_hidden_point_is_not_found_for_others() -> None:
    event = EventFactory(sales_point=SalesPointFactory(status=SalesPointStatus.PROPOSED))

    with pytest.raises(NotFound):
        access_event(actor=UserFactory(), event_id=event.pk)
