import hashlib

import pytest
from django.core.exceptions import ValidationError

from streek.accounts.choices import MembershipRole
from streek.accounts.models import ApiToken
from streek.accounts.services.api_tokens import api_token_create
from streek.accounts.tests.factories import MembershipFactory, issue_api_token
from streek.catalog.tests.factories import OrganisationFactory
from streek.core.exceptions import PermissionRefused

pytestmark = pytest.mark.django_db


def test_an_owner_creates_a_token_stored_as_a_hash_only() -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.OWNER)

    # when
    issued = api_token_create(
        organisation_id=membership.organisation_id,
        actor=membership.user,
        name=" Webshop ",
        scopes=["orders:read", "orders:write", "catalog:read"],
    )

    # then
    token = ApiToken.objects.get()
    assert issued.token == token
    assert issued.plain.startswith(f"strk_{token.prefix}_")
    assert len(issued.plain) > len("strk_") + 8 + 1 + 40  # 32 random bytes, base64url
    assert token.secret_hash == hashlib.sha256(issued.plain.encode()).hexdigest()
    secret = issued.plain[len(f"strk_{token.prefix}_") :]  # the random part may itself contain "_"
    stored = [str(value) for value in ApiToken.objects.values().get().values()]
    assert not any(issued.plain in value or secret in value for value in stored)
    assert token.name == "Webshop"
    assert token.scopes == ["catalog:read", "orders:write"]  # the read its write grants is dropped
    assert token.created_by == membership.user
    assert token.rate_limit == 120
    assert (token.revoked_at, token.expires_at, token.last_used_at) == (None, None, None)


def test_two_tokens_differ() -> None:
    # given
    organisation = OrganisationFactory()

    # when
    first, first_plain = issue_api_token(organisation=organisation)
    second, second_plain = issue_api_token(organisation=organisation)

    # then
    assert first_plain != second_plain
    assert first.prefix != second.prefix


def test_a_staff_member_may_not_create_a_token() -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.STAFF)

    # when / then
    with pytest.raises(PermissionRefused):
        api_token_create(
            organisation_id=membership.organisation_id, actor=membership.user, name="x", scopes=["orders:read"]
        )
    assert not ApiToken.objects.exists()


def test_an_owner_of_another_organisation_may_not_create_a_token() -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.OWNER)
    other = OrganisationFactory()

    # when / then
    with pytest.raises(PermissionRefused):
        api_token_create(organisation_id=other.pk, actor=membership.user, name="x", scopes=["orders:read"])
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("scopes", [[], ["orders:delete"], ["shop:read"], "orders:read"])
def test_unknown_or_missing_scopes_are_refused(scopes: list[str]) -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.MANAGER)

    # when / then
    with pytest.raises(ValidationError) as refused:
        api_token_create(organisation_id=membership.organisation_id, actor=membership.user, name="x", scopes=scopes)
    assert "scopes" in refused.value.message_dict
    assert not ApiToken.objects.exists()


def test_the_default_rate_limit_comes_from_the_settings(settings) -> None:  # type: ignore[no-untyped-def]
    # given
    settings.STREEK_API_TOKEN_RATE = "600/h"

    # when
    token, _plain = issue_api_token()

    # then
    assert token.rate_limit == 10
