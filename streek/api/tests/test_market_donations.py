"""Surplus donations to food banks through the API: claiming, cancelling and confirming receipt."""

import json
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory, issue_api_token
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import DonationStatus
from streek.market.models import Donation, Offer
from streek.market.tests.factories import DonationFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client() -> Client:
    """A client reading the API in English (the messages asserted are the services' own)."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def post(client: Client, url: str, body: dict[str, Any] | None = None, **headers: Any) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json", **headers)


def member_of(organisation: Organisation) -> User:
    return MembershipFactory(organisation=organisation).user


def food_bank() -> Organisation:
    return OrganisationFactory(kind=OrganisationKind.FOOD_BANK)


def surplus(**fields: Any) -> Offer:
    return OfferFactory(is_surplus=True, donation_allowed=True, **fields)


def claimed(offer: Offer, bank: Organisation, quantity: str = "10") -> Donation:
    """A claim as the service leaves it: the donation and the offer's claimed quantity."""
    Offer.objects.filter(pk=offer.pk).update(quantity_claimed=Decimal(quantity))
    return DonationFactory(offer=offer, food_bank=bank, quantity=Decimal(quantity))


# --- listing ----------------------------------------------------------------------------------------------------------


def test_a_food_bank_and_a_donor_list_their_donations_newest_first(client: Client) -> None:
    # given
    bank, offer = food_bank(), surplus()
    old = claimed(offer, bank)
    new = DonationFactory(
        offer=offer,
        food_bank=bank,
        status=DonationStatus.RECEIVED,
        received_quantity=Decimal(5),
        received_at=timezone.now(),
    )
    DonationFactory()  # another food bank's
    client.force_login(member_of(bank))

    # when
    response = client.get(f"/api/v1/market/organisations/{bank.pk}/donations?count=true")
    only_claimed = client.get(f"/api/v1/market/organisations/{bank.pk}/donations?status=claimed")
    client.force_login(member_of(offer.organisation))
    given = client.get(f"/api/v1/market/organisations/{offer.organisation_id}/donations")

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == [new.pk, old.pk]
    item = body["items"][1]
    assert (item["status"], item["quantity"], item["unit"]["key"]) == ("claimed", "10.000", "Kilogram")
    assert (item["donor"]["id"], item["food_bank"]["id"], item["offer"]["id"]) == (
        offer.organisation_id,
        bank.pk,
        offer.pk,
    )
    assert item["offer"]["url"].endswith(f"/api/v1/offers/{offer.pk}")
    assert [item["id"] for item in only_claimed.json()["items"]] == [old.pk]
    assert [item["id"] for item in given.json()["items"]] == [new.pk, old.pk]


def test_donations_are_refused_to_anonymous_callers_and_outsiders(client: Client) -> None:
    # given
    donation = DonationFactory()
    url = f"/api/v1/market/organisations/{donation.food_bank_id}/donations"

    # when
    anonymous = client.get(url)
    client.force_login(MembershipFactory().user)
    outsider = client.get(url)
    client.force_login(member_of(donation.food_bank))
    bad_status = client.get(f"{url}?status=lost")

    # then
    assert anonymous.status_code == 401
    assert outsider.status_code == 404
    assert outsider["Content-Type"] == "application/problem+json"
    assert bad_status.status_code == 422
    assert "status" in bad_status.json()["errors"]


@pytest.mark.parametrize("n", [2, 10])
def test_the_donation_list_costs_the_same_queries_for_2_or_10_donations(
    client: Client, django_assert_max_num_queries: Any, n: int
) -> None:
    # given
    bank = food_bank()
    for _ in range(n):
        DonationFactory(food_bank=bank)
    client.force_login(member_of(bank))

    # when: session, user, the organisation, memberships, the page of donations with offer, parties and unit
    with django_assert_max_num_queries(5):
        response = client.get(f"/api/v1/market/organisations/{bank.pk}/donations")

    # then
    assert len(response.json()["items"]) == n


# --- claiming ---------------------------------------------------------------------------------------------------------


def test_a_food_bank_claims_part_of_a_surplus_offer(client: Client) -> None:
    # given
    bank, offer = food_bank(), surplus()
    client.force_login(member_of(bank))

    # when
    response = post(
        client,
        f"/api/v1/market/offers/{offer.pk}/claims",
        {"food_bank": bank.pk, "quantity": "30", "handover": "delivery", "note": "Na 14 uur"},
    )

    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["quantity"], body["handover"], body["note"]) == (
        "claimed",
        "30.000",
        "delivery",
        "Na 14 uur",
    )
    assert body["food_bank"]["id"] == bank.pk
    offer.refresh_from_db()
    assert offer.quantity_claimed == Decimal("30")


def test_a_claim_is_refused_to_outsiders_other_kinds_read_tokens_and_for_bad_values(client: Client) -> None:
    # given
    bank, offer = food_bank(), surplus()
    url = f"/api/v1/market/offers/{offer.pk}/claims"
    _row, reader = issue_api_token(organisation=bank, scopes=["market:read"])
    school = OrganisationFactory(kind=OrganisationKind.SCHOOL)

    # when
    client.force_login(member_of(food_bank()))
    outsider = post(client, url, {"food_bank": bank.pk, "quantity": "5"})
    client.force_login(member_of(school))
    not_a_food_bank = post(client, url, {"food_bank": school.pk, "quantity": "5"})
    client.logout()
    read_only = post(client, url, {"food_bank": bank.pk, "quantity": "5"}, HTTP_AUTHORIZATION=f"Bearer {reader}")
    client.force_login(member_of(bank))
    too_much = post(client, url, {"food_bank": bank.pk, "quantity": "500"})
    zero = post(client, url, {"food_bank": bank.pk, "quantity": "0"})
    handover = post(client, url, {"food_bank": bank.pk, "quantity": "5", "handover": "drone"})

    # then
    assert outsider.status_code == 404
    assert not_a_food_bank.status_code == 403
    assert read_only.status_code == 403
    assert too_much.status_code == 422
    assert too_much.json()["errors"] == {"quantity": "Only 100 kilogram left to claim."}
    assert too_much.json()["left"] == "100.000"
    assert zero.json()["errors"] == {"quantity": "Give a quantity above zero."}
    assert handover.status_code == 422
    assert "handover" in handover.json()["errors"]
    assert not Donation.objects.exists()


# --- cancelling and confirming ----------------------------------------------------------------------------------------


def test_either_party_cancels_a_claim_and_the_quantity_goes_back(client: Client) -> None:
    # given
    bank, offer = food_bank(), surplus()
    donation = claimed(offer, bank)
    client.force_login(member_of(offer.organisation))
    url = f"/api/v1/market/donations/{donation.pk}/cancel"

    # when
    response = post(client, url)
    again = post(client, url)

    # then
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "cancelled"
    assert response.json()["cancelled_at"] is not None
    offer.refresh_from_db()
    assert offer.quantity_claimed == 0
    assert again.status_code == 409
    assert again.json()["detail"] == "Only a claimed donation can be cancelled."


def test_cancelling_is_refused_to_outsiders_and_read_tokens(client: Client) -> None:
    # given
    donation = claimed(surplus(), food_bank())
    url = f"/api/v1/market/donations/{donation.pk}/cancel"
    _row, reader = issue_api_token(organisation=donation.food_bank, scopes=["market:read"])

    # when
    read_only = post(client, url, HTTP_AUTHORIZATION=f"Bearer {reader}")
    client.force_login(MembershipFactory().user)
    outsider = post(client, url)

    # then
    assert read_only.status_code == 403
    assert outsider.status_code == 404
    donation.refresh_from_db()
    assert donation.status == DonationStatus.CLAIMED


def test_the_food_bank_confirms_what_it_received_and_the_rest_goes_back(client: Client) -> None:
    # given
    bank, offer = food_bank(), surplus()
    donation = claimed(offer, bank)
    _row, token = issue_api_token(organisation=bank, scopes=["market:write"])

    # when
    response = post(
        client,
        f"/api/v1/market/donations/{donation.pk}/receipt",
        {"received_quantity": "8"},
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )

    # then
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["received_quantity"], body["received_kg"]) == ("received", "8.000", "8.000")
    offer.refresh_from_db()
    assert offer.quantity_claimed == Decimal("8")


def test_receipt_is_refused_to_the_donor_outsiders_and_for_a_quantity_above_the_claim(client: Client) -> None:
    # given
    bank, offer = food_bank(), surplus()
    donation = claimed(offer, bank)
    url = f"/api/v1/market/donations/{donation.pk}/receipt"

    # when
    client.force_login(member_of(offer.organisation))
    donor = post(client, url, {})
    client.force_login(MembershipFactory().user)
    outsider = post(client, url, {})
    client.force_login(member_of(bank))
    too_much = post(client, url, {"received_quantity": "11"})
    not_a_number = post(client, url, {"received_quantity": "veel"})

    # then
    assert donor.status_code == 403
    assert outsider.status_code == 404
    assert too_much.status_code == 422
    assert too_much.json()["errors"] == {"received_quantity": "Between 0 and the 10.000 claimed."}
    assert not_a_number.status_code == 422
    assert "received_quantity" in not_a_number.json()["errors"]
    donation.refresh_from_db()
    assert donation.status == DonationStatus.CLAIMED
