"""The API tokens page of an organisation: listed, created (shown once) and revoked by its owners and managers."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from streek.accounts.choices import MembershipRole
from streek.accounts.models import ApiToken, User
from streek.accounts.selectors import api_token_authenticate
from streek.accounts.services.api_tokens import api_token_revoke
from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, issue_api_token
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def tokens_url(organisation: Organisation) -> str:
    return reverse("web:integration_tokens", args=[organisation.pk])


def revoke_url(token: ApiToken) -> str:
    return reverse("web:integration_token_revoke", args=[token.organisation_id, token.pk])


def test_the_tokens_are_listed_with_their_state(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    # given
    membership = MembershipFactory(role=MembershipRole.MANAGER)
    organisation = membership.organisation
    active, _plain = issue_api_token(organisation=organisation, name="Webshop", scopes=["orders:write"])
    revoked, _plain = issue_api_token(organisation=organisation, name="Old", scopes=["catalog:read"])
    api_token_revoke(token=revoked, actor=revoked.created_by)
    issue_api_token(organisation=organisation, name="Trial", expires_at=timezone.now() - timedelta(days=1))
    issue_api_token(name="Someone else's")
    client = client_for(membership.user)

    # when (session, user, organisation, membership, editor check, tokens with their creators)
    with django_assert_num_queries(6):
        response = client.get(tokens_url(organisation))

    # then
    assert response.status_code == 200
    content = response.content.decode()
    assert "Webshop" in content and "Old" in content and "Trial" in content
    assert "Someone else" not in content
    assert f"strk_{active.prefix}" in content
    assert "orders:write" in content
    assert content.count('class="badge badge-error">Revoked') == 1
    assert content.count('class="badge badge-closed">Expired') == 1
    assert content.count('class="badge badge-open">Active') == 1
    assert revoke_url(active) in content and revoke_url(revoked) not in content
    assert response["Cache-Control"].startswith("max-age=0")


def test_creating_a_token_shows_it_once_and_stores_its_hash() -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.OWNER)
    organisation = membership.organisation
    client = client_for(membership.user)
    last_day = timezone.localdate() + timedelta(days=30)

    # when
    response = client.post(
        tokens_url(organisation),
        {"name": "Webshop", "scopes": ["orders:write", "catalog:read"], "expires_on": last_day.isoformat()},
    )

    # then
    assert response.status_code == 200
    token = ApiToken.objects.get()
    plain = response.context["plain_token"]
    assert plain.startswith(f"strk_{token.prefix}_")
    assert f'value="{plain}"' in response.content.decode()
    assert "shown only this once" in response.content.decode()
    assert api_token_authenticate(raw=plain) == token
    assert token.scopes == ["catalog:read", "orders:write"]
    assert token.organisation == organisation and token.created_by == membership.user
    assert token.expires_at is not None and timezone.localtime(token.expires_at).date() == last_day + timedelta(1)

    # and the list shown later never shows it again
    assert plain not in client.get(tokens_url(organisation)).content.decode()


def test_a_token_needs_a_name_and_a_scope() -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.OWNER)

    # when
    response = client_for(membership.user).post(tokens_url(membership.organisation), {"name": "", "scopes": []})

    # then
    assert response.status_code == 400
    assert "Choose at least one kind of access." in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_staff_member_is_refused() -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.STAFF)
    client = client_for(membership.user)

    # when
    shown = client.get(tokens_url(membership.organisation))
    posted = client.post(tokens_url(membership.organisation), {"name": "x", "scopes": ["orders:read"]})

    # then
    assert (shown.status_code, posted.status_code) == (403, 403)
    assert not ApiToken.objects.exists()


@pytest.mark.parametrize("who", ["owner elsewhere", "platform admin", "anonymous"])
def test_anyone_outside_the_organisation_is_refused(who: str) -> None:
    # given
    organisation = OrganisationFactory()
    token, plain = issue_api_token(organisation=organisation)
    if who == "anonymous":
        client = Client()
    else:
        user = MembershipFactory(role=MembershipRole.OWNER).user if who == "owner elsewhere" else AdminUserFactory()
        client = client_for(user)

    # when
    shown = client.get(tokens_url(organisation))
    created = client.post(tokens_url(organisation), {"name": "x", "scopes": ["orders:read"]})
    revoked = client.post(revoke_url(token))

    # then
    expected = 302 if who == "anonymous" else 404
    assert [r.status_code for r in (shown, created, revoked)] == [expected] * 3
    assert ApiToken.objects.count() == 1
    assert api_token_authenticate(raw=plain) == token


def test_revoking_asks_first_then_revokes() -> None:
    # given
    token, plain = issue_api_token()
    assert token.created_by is not None
    client = client_for(token.created_by)

    # when
    asked = client.get(revoke_url(token))
    token.refresh_from_db()
    still = token.revoked_at
    done = client.post(revoke_url(token))

    # then
    assert asked.status_code == 200 and "cannot be undone" in asked.content.decode()
    assert still is None
    assert done.status_code == 302 and done["Location"] == tokens_url(token.organisation)
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert api_token_authenticate(raw=plain) is None


def test_a_token_of_another_organisation_cannot_be_revoked_through_mine() -> None:
    # given
    membership = MembershipFactory(role=MembershipRole.OWNER)
    other, _plain = issue_api_token()
    url = reverse("web:integration_token_revoke", args=[membership.organisation_id, other.pk])

    # when
    response = client_for(membership.user).post(url)

    # then
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None
