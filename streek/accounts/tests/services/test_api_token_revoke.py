import pytest
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.accounts.selectors import api_token_authenticate
from streek.accounts.services.api_tokens import api_token_revoke
from streek.accounts.tests.factories import MembershipFactory, issue_api_token
from streek.core.exceptions import PermissionRefused

pytestmark = pytest.mark.django_db


def test_a_revoked_token_no_longer_authenticates() -> None:
    # given
    token, plain = issue_api_token()
    assert api_token_authenticate(raw=plain) == token

    # when
    revoked = api_token_revoke(token=token, actor=token.created_by)

    # then
    assert revoked.revoked_at is not None
    assert api_token_authenticate(raw=plain) is None


def test_revoking_again_changes_nothing() -> None:
    # given
    token, _plain = issue_api_token()
    first = api_token_revoke(token=token, actor=token.created_by).revoked_at

    # when
    again = api_token_revoke(token=token, actor=token.created_by)

    # then
    assert again.revoked_at == first


def test_a_staff_member_may_not_revoke() -> None:
    # given
    token, plain = issue_api_token()
    staff = MembershipFactory(organisation=token.organisation, role=MembershipRole.STAFF).user

    # when / then
    with pytest.raises(PermissionRefused):
        api_token_revoke(token=token, actor=staff)
    token.refresh_from_db()
    assert token.revoked_at is None
    assert api_token_authenticate(raw=plain) == token


def test_another_owner_of_the_organisation_may_revoke() -> None:
    # given
    token, _plain = issue_api_token()
    manager = MembershipFactory(organisation=token.organisation, role=MembershipRole.MANAGER).user
    before = timezone.now()

    # when
    revoked = api_token_revoke(token=token, actor=manager)

    # then
    assert revoked.revoked_at is not None and revoked.revoked_at >= before
