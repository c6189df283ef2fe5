import pytest

from streek.accounts.choices import MembershipRole
from streek.accounts.selectors import is_platform_admin, officer_municipality_ids, organisation_ids
from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, OfficerFactory

pytestmark = pytest.mark.django_db


def test_a_user_acting_through_a_token_holds_roles_in_its_organisation_only() -> None:
    # given
    first = MembershipFactory(role=MembershipRole.OWNER)
    second = MembershipFactory(user=first.user, role=MembershipRole.OWNER)
    user = first.user
    assert organisation_ids(actor=user) == {first.organisation_id, second.organisation_id}

    # when
    user.api_organisation_id = first.organisation_id

    # then
    assert organisation_ids(actor=user) == {first.organisation_id}
    assert organisation_ids(actor=user, editors_only=True) == {first.organisation_id}


def test_a_token_carries_no_platform_admin_or_officer_rights() -> None:
    # given
    admin = AdminUserFactory()
    OfficerFactory(user=admin)
    membership = MembershipFactory(user=admin)
    assert is_platform_admin(actor=admin)

    # when
    admin.api_organisation_id = membership.organisation_id

    # then
    assert not is_platform_admin(actor=admin)
    assert officer_municipality_ids(actor=admin) == set()
