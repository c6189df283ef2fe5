from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from streek.accounts.models import User
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import DonationStatus, PostStatus, WasteReason
from streek.market.models import Donation, Offer, WasteRecord
from streek.market.services.donations import donation_confirm_receipt
from streek.market.tests.factories import DonationFactory, OfferFactory, member

pytestmark = pytest.mark.django_db


def client_for(user: User) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def food_bank() -> Organisation:
    return OrganisationFactory(kind=OrganisationKind.FOOD_BANK)


def surplus(**kwargs: object) -> Offer:
    return OfferFactory(is_surplus=True, donation_allowed=True, **kwargs)


def claim(client: Client, bank: Organisation, offer: Offer, quantity: str) -> Any:
    return client.post(
        reverse("web:donation_claim", args=[bank.pk, offer.pk]), {"quantity": quantity, "handover": "pickup"}
    )


def test_a_food_bank_sees_the_surplus_open_to_donation(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    bank = food_bank()
    for index in range(3):
        surplus(title=f"Open surplus {index}")
    OfferFactory(title="Gewoon aanbod")
    DonationFactory.create_batch(2, food_bank=bank)
    client = client_for(member(bank))

    with django_assert_num_queries(6):
        response = client.get(reverse("web:donation_overview", args=[bank.pk]))

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h3>Open surplus") == 3
    assert "Gewoon aanbod" not in content
    assert content.count("Confirm receipt") == 2


def test_a_food_bank_claims_part_of_a_surplus_offer() -> None:
    bank = food_bank()
    offer = surplus(quantity=Decimal("100"))
    client = client_for(member(bank))

    response = claim(client, bank, offer, "30")

    assert response.status_code == 302
    donation = Donation.objects.get()
    assert (donation.food_bank, donation.quantity, donation.status) == (bank, Decimal("30"), DonationStatus.CLAIMED)
    offer.refresh_from_db()
    assert offer.quantity_claimed == Decimal("30")
    page = client.get(response["Location"]).content.decode()
    assert "You claimed 30" in page


def test_claiming_more_than_is_left_changes_nothing() -> None:
    bank = food_bank()
    offer = surplus(quantity=Decimal("10"))
    client = client_for(member(bank))

    response = claim(client, bank, offer, "11")

    page = client.get(response["Location"]).content.decode()
    assert "left to claim" in page
    assert Donation.objects.count() == 0
    offer.refresh_from_db()
    assert offer.quantity_claimed == 0


def test_only_food_banks_claim_and_outsiders_get_404() -> None:
    shop = OrganisationFactory(kind=OrganisationKind.RETAILER)
    bank = food_bank()
    offer = surplus()

    refused = claim(client_for(member(shop)), shop, offer, "5")
    outsider = claim(client_for(member(shop)), bank, offer, "5")
    not_open = claim(client_for(member(bank)), bank, OfferFactory(), "5")

    assert refused.status_code == 403
    assert outsider.status_code == 404
    assert not_open.status_code == 403
    assert Donation.objects.count() == 0
    offer.refresh_from_db()
    assert offer.quantity_claimed == 0


def test_the_food_bank_confirms_what_it_received() -> None:
    donation = DonationFactory(quantity=Decimal("10"))
    Offer.objects.filter(pk=donation.offer_id).update(quantity_claimed=Decimal("10"))

    response = client_for(member(donation.food_bank)).post(
        reverse("web:donation_confirm", args=[donation.food_bank_id, donation.pk]), {"received_quantity": "8"}
    )

    assert response.status_code == 302
    donation.refresh_from_db()
    assert donation.status == DonationStatus.RECEIVED
    assert donation.received_quantity == Decimal("8")
    assert donation.received_kg == Decimal("8")
    assert Offer.objects.get(pk=donation.offer_id).quantity_claimed == Decimal("8")


def test_only_the_claimer_confirms_and_nothing_changes_on_refusal() -> None:
    donation = DonationFactory()
    url_as_donor = reverse("web:donation_confirm", args=[donation.donor_id, donation.pk])
    stranger = food_bank()
    url_as_stranger = reverse("web:donation_confirm", args=[stranger.pk, donation.pk])

    donor = client_for(member(donation.donor)).post(url_as_donor, {"received_quantity": "10"})
    outsider = client_for(member(stranger)).post(url_as_stranger, {"received_quantity": "10"})

    assert donor.status_code == 403
    assert outsider.status_code == 404
    donation.refresh_from_db()
    assert donation.status == DonationStatus.CLAIMED
    assert donation.received_quantity is None


def test_a_claim_can_be_cancelled() -> None:
    donation = DonationFactory(quantity=Decimal("10"))
    Offer.objects.filter(pk=donation.offer_id).update(quantity_claimed=Decimal("10"))

    client_for(member(donation.donor)).post(reverse("web:donation_cancel", args=[donation.donor_id, donation.pk]))

    donation.refresh_from_db()
    assert donation.status == DonationStatus.CANCELLED
    assert Offer.objects.get(pk=donation.offer_id).quantity_claimed == 0


def test_the_producer_sees_the_claims_of_its_offers_and_logs_waste(django_assert_num_queries) -> None:  # type: ignore[no-untyped-def]
    farm = OrganisationFactory(kind=OrganisationKind.PRODUCER)
    offer = surplus(organisation=farm, title="Bloemkolen", quantity=Decimal("50"))
    DonationFactory(offer=offer, food_bank__name="Voedselbank Hasselt", quantity=Decimal("20"))
    Offer.objects.filter(pk=offer.pk).update(quantity_claimed=Decimal("20"))
    client = client_for(member(farm))

    with django_assert_num_queries(7):
        page = client.get(reverse("web:donation_overview", args=[farm.pk])).content.decode()
    response = client.post(reverse("web:donation_log_waste", args=[farm.pk, offer.pk]), {"reason": "spoiled"})

    assert "Voedselbank Hasselt" in page and "Log as waste" in page
    assert response.status_code == 302
    record = WasteRecord.objects.get()
    assert (record.organisation, record.quantity, record.reason) == (farm, Decimal("30"), WasteReason.SPOILED)
    offer.refresh_from_db()
    assert offer.status == PostStatus.WITHDRAWN


def test_only_the_offer_s_organisation_logs_its_waste() -> None:
    offer = surplus()
    other = OrganisationFactory(kind=OrganisationKind.PRODUCER)

    as_other = client_for(member(other)).post(reverse("web:donation_log_waste", args=[other.pk, offer.pk]), {})
    not_member = client_for(member(other)).post(
        reverse("web:donation_log_waste", args=[offer.organisation_id, offer.pk]), {}
    )

    assert as_other.status_code == 403
    assert not_member.status_code == 404
    assert WasteRecord.objects.count() == 0
    offer.refresh_from_db()
    assert offer.status == PostStatus.ACTIVE


def test_the_donor_downloads_a_donation_receipt() -> None:
    donation = DonationFactory(food_bank__name="Voedselbank Hasselt", offer__organisation__name="Hoeve Wortel")
    donation_confirm_receipt(donation=donation, actor=None, received_quantity=Decimal("10"))  # type: ignore[arg-type]
    client = client_for(member(donation.donor))
    url = reverse("web:donation_receipt_pdf", args=[donation.pk])

    pdf = client.get(url)
    html = client.get(url + "?format=html").content.decode()

    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert "Voedselbank Hasselt" in html and "Hoeve Wortel" in html and donation.receipt_number in html


def test_no_receipt_before_receipt_and_none_for_outsiders() -> None:
    donation = DonationFactory()
    url = reverse("web:donation_receipt_pdf", args=[donation.pk])

    not_yet = client_for(member(donation.donor)).get(url)
    outsider = client_for(member(food_bank())).get(url)

    assert not_yet.status_code == 404
    assert outsider.status_code == 404
