"""The match page: the parties record that a match became a standing or a business order."""

import pytest
from django.conf import settings
from django.urls import reverse

from streek.accounts.tests.factories import UserFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import AgreementKind, MatchStatus
from streek.market.models import Match
from streek.market.tests.factories import MatchFactory, member

from .helpers import client_for

pytestmark = pytest.mark.django_db

VALID = {"kind": AgreementKind.STANDING_ORDER, "reference": "V-2031-17", "confirm": "on"}


def unchanged(match: Match) -> bool:
    fresh = Match.objects.get(pk=match.pk)
    return (fresh.status, fresh.agreement_kind, fresh.agreement_reference) == (match.status, "", "")


def test_a_party_sees_the_match_with_the_agreement_form() -> None:
    match = MatchFactory()
    response = client_for(member(match.request.organisation)).get(reverse("web:market_match", args=[match.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert match.offer.title in page and match.request.title in page
    assert 'name="kind"' in page and 'name="reference"' in page and 'name="confirm"' in page
    assert "<legend>The match became</legend>" in page
    assert reverse("web:market_match", args=[match.pk]) in page


def test_the_match_list_links_to_the_match_page() -> None:
    match = MatchFactory()
    page = client_for(member(match.offer.organisation)).get(reverse("web:market_mine")).content.decode()
    assert reverse("web:market_match", args=[match.pk]) in page


def test_a_party_records_a_standing_order_with_confirmation_and_a_message() -> None:
    # given the buyer's member on the match page
    match = MatchFactory()
    client = client_for(member(match.request.organisation))
    url = reverse("web:market_match", args=[match.pk])
    # when they record the standing order, confirmed
    response = client.post(url, VALID, follow=True)
    # then the match is agreed, and the page says so
    match.refresh_from_db()
    assert response.redirect_chain == [(url, 302)]
    assert match.status == MatchStatus.AGREED
    assert (match.agreement_kind, match.agreement_reference) == (AgreementKind.STANDING_ORDER, "V-2031-17")
    page = response.content.decode()
    assert "The match is recorded as standing order V-2031-17." in page
    assert "This match became a trade" in page


def test_a_business_order_from_the_offering_side() -> None:
    match = MatchFactory()
    client = client_for(member(match.offer.organisation))
    client.post(reverse("web:market_match", args=[match.pk]), {**VALID, "kind": AgreementKind.BUSINESS_ORDER})
    match.refresh_from_db()
    assert match.agreement_kind == AgreementKind.BUSINESS_ORDER and match.status == MatchStatus.AGREED


def test_without_confirmation_or_reference_nothing_is_recorded_and_the_errors_are_shown() -> None:
    match = MatchFactory()
    client = client_for(member(match.request.organisation))
    response = client.post(reverse("web:market_match", args=[match.pk]), {"kind": AgreementKind.STANDING_ORDER})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Confirm that both parties agreed." in page and "This field is required." in page
    assert unchanged(match)


def test_an_unknown_kind_is_refused() -> None:
    match = MatchFactory()
    client = client_for(member(match.request.organisation))
    response = client.post(reverse("web:market_match", args=[match.pk]), {**VALID, "kind": "other"})
    assert response.status_code == 400
    assert unchanged(match)


def test_outsiders_get_404_and_nothing_changes() -> None:
    match = MatchFactory()
    url = reverse("web:market_match", args=[match.pk])
    outsider = client_for(member(OrganisationFactory()))
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, VALID).status_code == 404
    assert client_for(UserFactory()).post(url, VALID).status_code == 404
    assert unchanged(match)


def test_anonymous_visitors_are_sent_to_log_in_and_nothing_changes() -> None:
    match = MatchFactory()
    response = client_for().post(reverse("web:market_match", args=[match.pk]), VALID)
    assert response.status_code == 302 and response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert unchanged(match)


def test_a_platform_admin_may_read_but_not_record_for_the_parties() -> None:
    match = MatchFactory()
    admin = UserFactory(is_staff=True, is_superuser=True)
    client = client_for(admin)
    url = reverse("web:market_match", args=[match.pk])
    page = client.get(url)
    assert page.status_code == 200 and 'name="reference"' not in page.content.decode()
    assert client.post(url, VALID).status_code == 403
    assert unchanged(match)
