from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import PostStatus
from streek.market.models import Offer, Request
from streek.market.tests.factories import OfferFactory, RequestFactory, member

from .helpers import client_for

pytestmark = pytest.mark.django_db


def offer_data(**overrides: str) -> dict[str, str | list[str]]:
    data: dict[str, str | list[str]] = {
        "title": "Prei uit het veld",
        "product_type": "carrot",
        "quantity": "50",
        "unit": "Kilogram",
        "recurrence": "weekly",
        "starts_on": timezone.localdate().isoformat(),
        "ends_on": (timezone.localdate() + timedelta(days=90)).isoformat(),
        "lat": "50.8168",
        "lon": "5.1865",
        "labels": ["Organic-EU"],
        "spec": ["washed"],
        "price": "1.20",
        "packaging": "kisten",
        "delivery_possible": "on",
        "is_surplus": "on",
    }
    data.update(overrides)
    return data


def test_member_creates_an_offer() -> None:
    # given
    organisation = OrganisationFactory(kind=OrganisationKind.PRODUCER)
    client = client_for(member(organisation))
    # when
    response = client.post(reverse("web:market_offer_create", args=[organisation.pk]), offer_data())
    # then
    offer = Offer.objects.get()
    assert response.status_code == 302
    assert (offer.organisation, offer.quantity, offer.price, offer.is_surplus) == (
        organisation,
        Decimal("50"),
        Decimal("1.20"),
        True,
    )
    assert [label.key for label in offer.labels.all()] == ["Organic-EU"] and offer.spec == ["washed"]


def test_member_creates_a_request() -> None:
    # given
    organisation = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    client = client_for(member(organisation))
    data = offer_data(title="Gezocht: prei", max_distance_km="30", budget="1.00")
    data["delivery_weekdays"] = ["0", "3"]
    # when
    response = client.post(reverse("web:market_request_create", args=[organisation.pk]), data)
    # then
    wanted = Request.objects.get()
    assert response.status_code == 302
    assert (wanted.max_distance_km, wanted.delivery_weekdays, wanted.budget) == (30, [0, 3], Decimal("1.00"))


def test_service_errors_show_on_the_fields() -> None:
    # given: the period has already ended
    organisation = OrganisationFactory(kind=OrganisationKind.PRODUCER)
    client = client_for(member(organisation))
    past = (timezone.localdate() - timedelta(days=10)).isoformat()
    # when
    response = client.post(
        reverse("web:market_offer_create", args=[organisation.pk]), offer_data(starts_on=past, ends_on=past)
    )
    # then
    assert response.status_code == 400
    assert response.context["form"].errors["ends_on"]
    assert not Offer.objects.exists()


def test_outsider_cannot_post_for_an_organisation() -> None:
    organisation = OrganisationFactory()
    outsider = member(OrganisationFactory())
    response = client_for(outsider).post(reverse("web:market_offer_create", args=[organisation.pk]), offer_data())
    assert response.status_code == 404
    assert not Offer.objects.exists()


def test_member_edits_the_offer() -> None:
    # given
    offer = OfferFactory(title="Oud")
    client = client_for(member(offer.organisation))
    url = reverse("web:market_offer_edit", args=[offer.pk])
    # when
    page = client.get(url)
    response = client.post(url, offer_data(title="Nieuw"))
    # then
    offer.refresh_from_db()
    assert page.status_code == 200
    assert response.status_code == 302 and offer.title == "Nieuw"


def test_another_organisation_cannot_edit_renew_or_withdraw() -> None:
    # given
    offer = OfferFactory(title="Oud")
    client = client_for(member(OrganisationFactory()))
    # when
    edit = client.post(reverse("web:market_offer_edit", args=[offer.pk]), offer_data(title="Nieuw"))
    withdraw = client.post(reverse("web:market_offer_withdraw", args=[offer.pk]))
    renew = client.post(reverse("web:market_offer_renew", args=[offer.pk]))
    # then
    offer.refresh_from_db()
    assert (edit.status_code, withdraw.status_code, renew.status_code) == (403, 403, 403)
    assert (offer.title, offer.status) == ("Oud", PostStatus.ACTIVE)


def test_member_withdraws_and_renews_a_request() -> None:
    # given
    wanted = RequestFactory(status=PostStatus.EXPIRED, expires_at=timezone.now() - timedelta(days=1))
    client = client_for(member(wanted.organisation))
    # when
    client.post(reverse("web:market_request_renew", args=[wanted.pk]))
    wanted.refresh_from_db()
    renewed = (wanted.status, wanted.expires_at > timezone.now())
    client.post(reverse("web:market_request_withdraw", args=[wanted.pk]))
    wanted.refresh_from_db()
    # then
    assert renewed == (PostStatus.ACTIVE, True)
    assert wanted.status == PostStatus.WITHDRAWN


def test_forms_and_the_owner_view_render() -> None:
    # given
    wanted = RequestFactory(delivery_weekdays=[1])
    client = client_for(member(wanted.organisation))
    # when
    new_offer = client.get(reverse("web:market_offer_create", args=[wanted.organisation_id]))
    new_request = client.get(reverse("web:market_request_create", args=[wanted.organisation_id]))
    edit = client.get(reverse("web:market_request_edit", args=[wanted.pk]))
    detail = client.get(reverse("web:market_request", args=[wanted.pk]))
    # then
    assert (new_offer.status_code, new_request.status_code, edit.status_code) == (200, 200, 200)
    assert reverse("web:market_request_withdraw", args=[wanted.pk]) in detail.content.decode()
