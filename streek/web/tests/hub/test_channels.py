from datetime import time
from decimal import Decimal

import pytest
from django.urls import reverse

from streek.orders.choices import AdmissionStatus, ChannelKind
from streek.orders.models import ChannelAdmission, ChannelTerms, ChannelVariantTerm, ReturnableCrate
from streek.orders.tests.factories import (
    ChannelAdmissionFactory,
    ChannelTermsFactory,
    ChannelVariantTermFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    OrderCycleFactory,
    ReturnableCrateFactory,
)
from streek.orders.tests.hub_scenarios import member_of

from .scenario import client_for, team

pytestmark = pytest.mark.django_db

TERMS = {
    "price_rule": "markup",
    "markup_percent": "12.5",
    "minimum_order_value": "150",
    "delivery_weekdays": ["1", "4"],
    "cutoff_days_before": "1",
    "cutoff_time": "12:00",
    "preparations": ["washed", "cut"],
    "payment_terms": "net_30",
    "is_active": "on",
}


def test_an_owner_sets_the_terms_of_a_channel() -> None:
    people = team()

    response = client_for(people.owner).post(reverse("web:hub_channel_terms", args=[people.hub.pk, "horeca"]), TERMS)

    assert response.status_code == 302
    terms = ChannelTerms.objects.get(hub=people.hub)
    assert (terms.kind, terms.markup_percent, terms.minimum_order_value) == ("horeca", Decimal("12.50"), Decimal("150"))
    assert (terms.delivery_weekdays, terms.cutoff_time, terms.preparations) == ([1, 4], time(12), ["washed", "cut"])
    assert terms.payment_terms == "net_30"


def test_the_channel_list_shows_the_terms_and_what_is_missing() -> None:
    people = team()
    ChannelTermsFactory(hub=people.hub, kind=ChannelKind.CONSUMER)

    response = client_for(people.staff).get(reverse("web:hub_channels", args=[people.hub.pk]))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Consumers (households)" in page
    assert "Set the terms for" not in page  # staff do not change channels


def test_staff_and_other_hubs_cannot_set_terms_and_unknown_channels_are_not_found() -> None:
    people = team()
    url = reverse("web:hub_channel_terms", args=[people.hub.pk, "horeca"])

    assert client_for(people.staff).post(url, TERMS).status_code == 403
    assert client_for(people.stranger).post(url, TERMS).status_code == 404
    assert client_for(people.stranger).get(reverse("web:hub_channels", args=[people.hub.pk])).status_code == 404
    assert (
        client_for(people.owner).get(reverse("web:hub_channel_terms", args=[people.hub.pk, "nope"])).status_code == 404
    )
    assert not ChannelTerms.objects.exists()


def test_a_price_is_set_refused_when_the_minimum_is_no_whole_number_of_cases_and_removed() -> None:
    people = team()
    terms = ChannelTermsFactory(hub=people.hub, kind="horeca")
    cycle = OrderCycleFactory(hub=people.hub)
    variant = CycleOfferFactory(exchange=CycleProducerFactory(cycle=cycle)).variant
    crate = ReturnableCrateFactory(hub=people.hub)
    client = client_for(people.owner)
    url = reverse("web:hub_channel_prices", args=[terms.pk])
    row = {
        "variant": variant.pk,
        "price": "1.80",
        "case_size": "6",
        "minimum_quantity": "12",
        "crate": crate.pk,
        "units_per_crate": "12",
    }

    refused = client.post(url, {**row, "minimum_quantity": "8"})
    saved = client.post(url, row)

    assert refused.status_code == 400
    assert "whole number of cases" in refused.context["form"].errors["minimum_quantity"][0]
    assert saved.status_code == 302
    price = ChannelVariantTerm.objects.get(terms=terms)
    assert (price.price, price.case_size, price.minimum_quantity, price.crate) == (Decimal("1.80"), 6, 12, crate)

    client.post(reverse("web:hub_channel_price_remove", args=[terms.pk, price.pk]))
    assert not ChannelVariantTerm.objects.exists()


def test_staff_see_the_price_list_but_cannot_change_it() -> None:
    people = team()
    terms = ChannelTermsFactory(hub=people.hub, kind="horeca")
    price = ChannelVariantTermFactory(terms=terms, price=Decimal("2.00"))

    shown = client_for(people.staff).get(reverse("web:hub_channel_prices", args=[terms.pk]))
    removed = client_for(people.staff).post(reverse("web:hub_channel_price_remove", args=[terms.pk, price.pk]))

    assert shown.status_code == 200
    assert (removed.status_code, ChannelVariantTerm.objects.count()) == (403, 1)


def test_admissions_are_admitted_refused_and_revoked() -> None:
    people = team()
    terms = ChannelTermsFactory(hub=people.hub, kind="horeca")
    asking = ChannelAdmissionFactory(terms=terms, status=AdmissionStatus.REQUESTED, buyer__name="Bistro Plein")
    other = ChannelAdmissionFactory(terms=terms, status=AdmissionStatus.REQUESTED)
    client = client_for(people.owner)

    listed = client.get(reverse("web:hub_channel_admissions", args=[terms.pk]))
    assert "Bistro Plein" in listed.content.decode()

    client.post(reverse("web:hub_channel_admission_decide", args=[terms.pk, asking.pk]), {"decision": "admit"})
    client.post(
        reverse("web:hub_channel_admission_decide", args=[terms.pk, other.pk]), {"decision": "refuse", "note": "vol"}
    )
    asking.refresh_from_db()
    other.refresh_from_db()
    assert (asking.status, other.status, other.note) == ("admitted", "refused", "vol")

    client.post(reverse("web:hub_channel_admission_decide", args=[terms.pk, asking.pk]), {"decision": "refuse"})
    asking.refresh_from_db()
    assert asking.status == AdmissionStatus.REVOKED


def test_staff_and_other_hubs_cannot_decide_admissions() -> None:
    people = team()
    terms = ChannelTermsFactory(hub=people.hub, kind="horeca")
    asking = ChannelAdmissionFactory(terms=terms, status=AdmissionStatus.REQUESTED)
    url = reverse("web:hub_channel_admission_decide", args=[terms.pk, asking.pk])

    assert client_for(people.staff).post(url, {"decision": "admit"}).status_code == 403
    assert client_for(people.stranger).post(url, {"decision": "admit"}).status_code == 404
    buyer = member_of(asking.buyer)
    assert client_for(buyer).get(reverse("web:hub_channel_admissions", args=[terms.pk])).status_code == 404
    asking.refresh_from_db()
    assert asking.status == AdmissionStatus.REQUESTED
    assert ChannelAdmission.objects.count() == 1


def test_crates_are_added_and_changed() -> None:
    people = team()
    client = client_for(people.owner)
    url = reverse("web:hub_crates", args=[people.hub.pk])

    client.post(url, {"name": "Groene krat", "deposit": "4.00"})
    crate = ReturnableCrate.objects.get(hub=people.hub)
    client.post(url, {"crate": crate.pk, "name": "Groene krat", "deposit": "5.00"})

    crate.refresh_from_db()
    assert crate.deposit == Decimal("5.00")
    assert client_for(people.staff).post(url, {"name": "Rode krat", "deposit": "1"}).status_code == 403
    assert ReturnableCrate.objects.count() == 1
