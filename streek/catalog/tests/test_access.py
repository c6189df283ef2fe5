import pytest
from django.contrib.auth.models import AnonymousUser

from streek.accounts.choices import MembershipRole
from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, OfficerFactory, UserFactory
from streek.catalog.access import (
    access_change_report,
    access_municipality_inventory,
    access_organisation,
    access_sales_point,
)
from streek.catalog.choices import SalesPointStatus
from streek.catalog.tests.factories import ChangeReportFactory, OrganisationFactory, SalesPointFactory, municipality
from streek.core.exceptions import NotFound, PermissionRefused

pytestmark = pytest.mark.django_db

GENT = "44021"


# ---- access_sales_point ---------------------------------------------------------------------------------------


def test_officer_of_the_municipality_may_write_its_points() -> None:
    officer = OfficerFactory().user
    point = SalesPointFactory()

    assert access_sales_point(actor=officer, sales_point_id=point.pk, for_write=True) == point


def test_officer_of_another_municipality_cannot_write_a_public_point() -> None:
    officer = OfficerFactory(municipality=municipality(GENT)).user
    point = SalesPointFactory()

    with pytest.raises(PermissionRefused):
        access_sales_point(actor=officer, sales_point_id=point.pk, for_write=True)


def test_officer_of_another_municipality_does_not_see_a_proposed_point() -> None:
    officer = OfficerFactory(municipality=municipality(GENT)).user
    point = SalesPointFactory(status=SalesPointStatus.PROPOSED)

    with pytest.raises(NotFound):
        access_sales_point(actor=officer, sales_point_id=point.pk)


def test_producer_member_cannot_write_points_it_does_not_keep() -> None:
    membership = MembershipFactory(role=MembershipRole.OWNER)
    own_point = SalesPointFactory(operator=membership.organisation, status=SalesPointStatus.PROPOSED)
    other_point = SalesPointFactory(status=SalesPointStatus.PROPOSED)

    assert access_sales_point(actor=membership.user, sales_point_id=own_point.pk) == own_point
    with pytest.raises(PermissionRefused):
        access_sales_point(actor=membership.user, sales_point_id=own_point.pk, for_write=True)
    with pytest.raises(NotFound):
        access_sales_point(actor=membership.user, sales_point_id=other_point.pk)


def test_anonymous_sees_public_points_only_and_writes_none() -> None:
    anonymous = AnonymousUser()
    public = SalesPointFactory()
    proposed = SalesPointFactory(status=SalesPointStatus.PROPOSED)

    assert access_sales_point(actor=anonymous, sales_point_id=public.pk) == public
    with pytest.raises(PermissionRefused):
        access_sales_point(actor=anonymous, sales_point_id=public.pk, for_write=True)
    with pytest.raises(NotFound):
        access_sales_point(actor=anonymous, sales_point_id=proposed.pk)


def test_unknown_point_is_not_found() -> None:
    with pytest.raises(NotFound):
        access_sales_point(actor=AdminUserFactory(), sales_point_id=987654)


def test_platform_admin_may_write_any_point() -> None:
    point = SalesPointFactory(status=SalesPointStatus.PROPOSED, municipality=municipality(GENT))

    assert access_sales_point(actor=AdminUserFactory(), sales_point_id=point.pk, for_write=True) == point


# ---- access_municipality_inventory ----------------------------------------------------------------------------


def test_inventory_is_open_to_its_officers_and_admins() -> None:
    sint_truiden = municipality()
    officer = OfficerFactory().user

    assert access_municipality_inventory(actor=officer, municipality_id=sint_truiden.pk) == sint_truiden
    assert access_municipality_inventory(actor=AdminUserFactory(), municipality_id=sint_truiden.pk) == sint_truiden


@pytest.mark.parametrize("who", ["other_officer", "producer", "anonymous", "inactive_admin"])
def test_inventory_is_not_found_for_everyone_else(who: str) -> None:
    actor = {
        "other_officer": lambda: OfficerFactory(municipality=municipality(GENT)).user,
        "producer": lambda: MembershipFactory().user,
        "anonymous": AnonymousUser,
        "inactive_admin": lambda: AdminUserFactory(is_active=False),
    }[who]()

    with pytest.raises(NotFound):
        access_municipality_inventory(actor=actor, municipality_id=municipality().pk)


# ---- access_change_report -------------------------------------------------------------------------------------


def test_change_report_is_decided_by_officers_of_its_municipality() -> None:
    report = ChangeReportFactory()
    officer = OfficerFactory().user

    assert access_change_report(actor=officer, change_report_id=report.pk) == report


def test_change_report_is_not_found_for_an_officer_of_another_municipality() -> None:
    report = ChangeReportFactory()
    officer = OfficerFactory(municipality=municipality(GENT)).user

    with pytest.raises(NotFound):
        access_change_report(actor=officer, change_report_id=report.pk)


def test_change_report_is_not_found_for_the_reporter() -> None:
    reporter = UserFactory()
    report = ChangeReportFactory(reporter=reporter)

    with pytest.raises(NotFound):
        access_change_report(actor=reporter, change_report_id=report.pk)


# ---- access_organisation --------------------------------------------------------------------------------------


def test_owner_and_manager_may_edit_their_organisation() -> None:
    owner = MembershipFactory(role=MembershipRole.OWNER)
    manager = MembershipFactory(role=MembershipRole.MANAGER, organisation=owner.organisation)

    for membership in (owner, manager):
        organisation = access_organisation(
            actor=membership.user, organisation_id=membership.organisation_id, for_write=True
        )
        assert organisation == owner.organisation


def test_staff_member_may_read_but_not_edit_the_organisation() -> None:
    staff = MembershipFactory(role=MembershipRole.STAFF)

    assert access_organisation(actor=staff.user, organisation_id=staff.organisation_id) == staff.organisation
    with pytest.raises(PermissionRefused):
        access_organisation(actor=staff.user, organisation_id=staff.organisation_id, for_write=True)


def test_owner_of_another_organisation_cannot_edit() -> None:
    owner = MembershipFactory(role=MembershipRole.OWNER)
    other = OrganisationFactory()

    with pytest.raises(PermissionRefused):
        access_organisation(actor=owner.user, organisation_id=other.pk, for_write=True)


def test_anonymous_cannot_edit_an_organisation() -> None:
    organisation = OrganisationFactory()

    with pytest.raises(PermissionRefused):
        access_organisation(actor=AnonymousUser(), organisation_id=organisation.pk, for_write=True)


def test_platform_admin_may_edit_any_organisation() -> None:
    organisation = OrganisationFactory()

    assert (
        access_organisation(actor=AdminUserFactory(), organisation_id=organisation.pk, for_write=True) == organisation
    )


def test_unknown_organisation_is_not_found() -> None:
    with pytest.raises(NotFound):
        access_organisation(actor=AdminUserFactory(), organisation_id=987654)
