from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from streek.catalog.tests.factories import OrganisationFactory, VariantFactory
from streek.orders.choices import CycleStatus
from streek.orders.models import CycleOffer, CycleProducer, HubFee, OrderCycle, OrderCycleSeries, PickupSlot
from streek.orders.tests.factories import (
    ChannelTermsFactory,
    CycleOfferFactory,
    CycleProducerFactory,
    HubFeeFactory,
    OrderCycleFactory,
    PickupPointFactory,
    PickupSlotFactory,
)

from .scenario import client_for, team

pytestmark = pytest.mark.django_db


def local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def cycle_data(terms_id: int, **overrides: str) -> dict[str, object]:
    opens = timezone.now() + timedelta(days=1)
    data: dict[str, object] = {
        "name": "Groentepakket week 20",
        "opens_at": local(opens),
        "closes_at": local(opens + timedelta(days=5)),
        "fulfilment_date": (opens + timedelta(days=7)).date().isoformat(),
        "channels": [str(terms_id)],
        "notes": "Breng je tas mee.",
    }
    data.update(overrides)
    return data


def test_an_owner_drafts_a_cycle() -> None:
    # given
    people = team()
    terms = ChannelTermsFactory(hub=people.hub)

    # when
    response = client_for(people.owner).post(
        reverse("web:hub_cycle_create", args=[people.hub.pk]), cycle_data(terms.pk)
    )

    # then
    cycle = OrderCycle.objects.get(hub=people.hub)
    assert response.status_code == 302
    assert response["Location"] == reverse("web:hub_cycle", args=[cycle.pk])
    assert (cycle.name, cycle.status, cycle.notes) == ("Groentepakket week 20", CycleStatus.DRAFT, "Breng je tas mee.")
    assert list(cycle.channels.all()) == [terms]


def test_a_refusal_of_the_service_is_shown_on_its_field_and_nothing_is_saved() -> None:
    # given a pickup day before the cycle closes
    people = team()
    terms = ChannelTermsFactory(hub=people.hub)
    data = cycle_data(terms.pk, fulfilment_date=timezone.localdate().isoformat())

    # when
    response = client_for(people.owner).post(reverse("web:hub_cycle_create", args=[people.hub.pk]), data)

    # then
    assert response.status_code == 400
    form = response.context["form"]
    assert "comes before the cycle closes" in form.errors["fulfilment_date"][0]
    assert not OrderCycle.objects.exists()


def test_staff_cannot_create_or_change_a_cycle() -> None:
    people = team()
    terms = ChannelTermsFactory(hub=people.hub)
    cycle = OrderCycleFactory(hub=people.hub, name="Oud")
    client = client_for(people.staff)

    created = client.post(reverse("web:hub_cycle_create", args=[people.hub.pk]), cycle_data(terms.pk))
    edited = client.post(reverse("web:hub_cycle_edit", args=[cycle.pk]), cycle_data(terms.pk, name="Nieuw"))
    published = client.post(reverse("web:hub_cycle_cancel", args=[cycle.pk]))

    assert (created.status_code, edited.status_code, published.status_code) == (403, 403, 403)
    cycle.refresh_from_db()
    assert (OrderCycle.objects.count(), cycle.name, cycle.status) == (1, "Oud", CycleStatus.PUBLISHED)


def test_a_member_of_another_hub_gets_404_even_for_a_published_cycle() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub)
    client = client_for(people.stranger)

    for name in ("web:hub_cycle", "web:hub_cycle_edit", "web:hub_cycle_orders", "web:hub_cycle_report"):
        assert client.get(reverse(name, args=[cycle.pk])).status_code == 404, name
    assert client.post(reverse("web:hub_cycle_cancel", args=[cycle.pk])).status_code == 404
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.PUBLISHED


def test_the_set_up_page_shows_producers_fees_and_slots() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub, status=CycleStatus.DRAFT)
    offer = CycleOfferFactory(exchange=CycleProducerFactory(cycle=cycle, producer__name="Hoeve De Linde"))
    HubFeeFactory(cycle=cycle, name="Inpakken")
    PickupSlotFactory(cycle=cycle, pickup_point=PickupPointFactory(hub=people.hub, name="Buurthuis"))

    response = client_for(people.owner).get(reverse("web:hub_cycle", args=[cycle.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Hoeve De Linde" in page and "Inpakken" in page and "Buurthuis" in page
    assert reverse("web:hub_cycle_offers", args=[cycle.pk, offer.exchange.producer_id]) in page
    assert "Publish" in page


def test_an_owner_edits_a_cycle() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub)
    terms = cycle.channels.get()

    response = client_for(people.owner).post(
        reverse("web:hub_cycle_edit", args=[cycle.pk]), cycle_data(terms.pk, name="Andere naam")
    )

    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.name == "Andere naam"


def test_a_producer_is_added_with_its_ready_window() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub, status=CycleStatus.DRAFT)
    farmer = OrganisationFactory()
    ready = timezone.now() + timedelta(days=9)

    response = client_for(people.owner).post(
        reverse("web:hub_cycle_producer_add", args=[cycle.pk]),
        {"producer": farmer.pk, "ready_from": local(ready), "ready_until": local(ready + timedelta(hours=3))},
    )

    assert response.status_code == 302
    exchange = CycleProducer.objects.get(cycle=cycle)
    assert exchange.producer == farmer
    assert exchange.ready_from is not None and exchange.ready_until is not None
    assert exchange.ready_until - exchange.ready_from == timedelta(hours=3)


def test_an_owner_lets_a_producer_offer_its_unsold_stock_on_the_market_board() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub, status=CycleStatus.DRAFT)
    farmer = OrganisationFactory()

    response = client_for(people.owner).post(
        reverse("web:hub_cycle_producer_add", args=[cycle.pk]), {"producer": farmer.pk, "surplus_to_market": "on"}
    )
    page = client_for(people.owner).get(reverse("web:hub_cycle", args=[cycle.pk]), HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 302
    assert CycleProducer.objects.get(cycle=cycle).surplus_to_market is True
    assert "Unsold stock goes on the market board" in page.content.decode()


def test_a_refused_producer_window_is_shown_and_staff_cannot_add_producers() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub, status=CycleStatus.DRAFT)
    farmer = OrganisationFactory()
    ready = timezone.now() + timedelta(days=9)
    data = {"producer": farmer.pk, "ready_from": local(ready), "ready_until": local(ready - timedelta(hours=1))}

    refused = client_for(people.owner).post(reverse("web:hub_cycle_producer_add", args=[cycle.pk]), data)
    forbidden = client_for(people.staff).post(
        reverse("web:hub_cycle_producer_add", args=[cycle.pk]), {"producer": farmer.pk}
    )

    assert refused.status_code == 400
    assert "ready until a moment after" in refused.context["producer_form"].errors["ready_until"][0]
    assert forbidden.status_code == 403
    assert not CycleProducer.objects.exists()


def offers_data(rows: list[dict[str, str]]) -> dict[str, str]:
    data = {
        "offers-TOTAL_FORMS": str(len(rows)),
        "offers-INITIAL_FORMS": str(len(rows)),
        "offers-MIN_NUM_FORMS": "0",
        "offers-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"offers-{index}-{key}"] = value
    return data


def test_the_offers_of_a_producer_default_to_the_variant_price_and_are_saved() -> None:
    # given a producer with two variants, one of which is already offered
    people = team()
    cycle = OrderCycleFactory(hub=people.hub, status=CycleStatus.DRAFT)
    exchange = CycleProducerFactory(cycle=cycle)
    leek = VariantFactory(product__organisation=exchange.producer, price=Decimal("3.40"))
    kale = VariantFactory(product__organisation=exchange.producer, price=Decimal("2.10"))
    CycleOfferFactory(exchange=exchange, variant=kale, producer_price=Decimal("2.00"), stock=5)
    url = reverse("web:hub_cycle_offers", args=[cycle.pk, exchange.producer_id])
    client = client_for(people.owner)

    # when the page is shown, then the price defaults to the variant's price
    shown = client.get(url)
    rows = {row["variant"]: row for row in shown.context["formset"].initial}
    assert rows[leek.pk] == {"variant": leek.pk, "offered": False, "producer_price": Decimal("3.40"), "stock": None}
    assert rows[kale.pk]["offered"] is True

    # when leek is offered on demand and kale withdrawn
    response = client.post(
        url,
        offers_data(
            [
                {"variant": str(leek.pk), "offered": "on", "producer_price": "3.20", "stock": ""},
                {"variant": str(kale.pk), "producer_price": "2.00", "stock": "5"},
            ]
        ),
    )

    # then
    assert response.status_code == 302
    (offer,) = CycleOffer.objects.filter(cycle=cycle)
    assert (offer.variant, offer.producer_price, offer.stock) == (leek, Decimal("3.20"), None)


def test_a_stock_below_what_is_sold_is_refused_on_its_row_and_nothing_changes() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub)
    exchange = CycleProducerFactory(cycle=cycle)
    leek = VariantFactory(product__organisation=exchange.producer)
    kale = VariantFactory(product__organisation=exchange.producer)
    sold = CycleOfferFactory(exchange=exchange, variant=kale, stock=10, sold=6)

    response = client_for(people.owner).post(
        reverse("web:hub_cycle_offers", args=[cycle.pk, exchange.producer_id]),
        offers_data(
            [
                {"variant": str(leek.pk), "offered": "on", "producer_price": "1.00", "stock": "4"},
                {"variant": str(kale.pk), "offered": "on", "producer_price": "2.00", "stock": "3"},
            ]
        ),
    )

    assert response.status_code == 400
    errors = response.context["formset"].forms[1].errors
    assert "6 of" in errors["stock"][0] and "already sold" in errors["stock"][0]
    assert list(CycleOffer.objects.filter(cycle=cycle)) == [sold]
    sold.refresh_from_db()
    assert sold.stock == 10


def test_fees_and_slots_are_added_and_removed() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub, status=CycleStatus.DRAFT)
    point = PickupPointFactory(hub=people.hub)
    client = client_for(people.owner)
    starts = cycle.closes_at + timedelta(days=1)

    fee = client.post(
        reverse("web:hub_cycle_fee_add", args=[cycle.pk]),
        {"kind": "packing", "name": "Inpakken", "calculation": "percentage", "amount": "8"},
    )
    slot = client.post(
        reverse("web:hub_cycle_slot_add", args=[cycle.pk]),
        {
            "pickup_point": point.pk,
            "starts_at": local(starts),
            "ends_at": local(starts + timedelta(hours=2)),
            "capacity": "15",
        },
    )

    assert (fee.status_code, slot.status_code) == (302, 302)
    added_fee = HubFee.objects.get(cycle=cycle)
    added_slot = PickupSlot.objects.get(cycle=cycle)
    assert (added_fee.name, added_fee.amount, added_slot.capacity) == ("Inpakken", Decimal("8.00"), 15)

    client.post(reverse("web:hub_cycle_fee_remove", args=[cycle.pk, added_fee.pk]))
    client.post(reverse("web:hub_cycle_slot_remove", args=[cycle.pk, added_slot.pk]))
    assert not HubFee.objects.exists() and not PickupSlot.objects.exists()


def test_a_percentage_fee_over_100_is_refused_on_the_amount() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub, status=CycleStatus.DRAFT)

    response = client_for(people.owner).post(
        reverse("web:hub_cycle_fee_add", args=[cycle.pk]),
        {"kind": "packing", "name": "", "calculation": "percentage", "amount": "120"},
    )

    assert response.status_code == 400
    assert "at most 100" in response.context["fee_form"].errors["amount"][0]
    assert not HubFee.objects.exists()


def test_a_fee_of_another_cycle_is_not_found() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub)
    other = HubFeeFactory()

    response = client_for(people.owner).post(reverse("web:hub_cycle_fee_remove", args=[cycle.pk, other.pk]))

    assert response.status_code == 404
    assert HubFee.objects.filter(pk=other.pk).exists()


def test_publishing_an_incomplete_draft_says_why_and_a_complete_one_is_published() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub, status=CycleStatus.DRAFT)
    client = client_for(people.owner)
    url = reverse("web:hub_cycle_publish", args=[cycle.pk])

    refused = client.post(url, follow=True)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.DRAFT
    assert "Nothing is offered yet" in refused.content.decode()

    CycleOfferFactory(exchange=CycleProducerFactory(cycle=cycle))
    PickupSlotFactory(cycle=cycle)
    client.post(url)
    cycle.refresh_from_db()
    assert cycle.status == CycleStatus.PUBLISHED


def test_a_cycle_is_cancelled_copied_and_repeated() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub, name="Week 1")
    CycleOfferFactory(exchange=CycleProducerFactory(cycle=cycle))
    client = client_for(people.owner)

    copied = client.post(reverse("web:hub_cycle_clone", args=[cycle.pk]), {"weeks": "2", "name": "Week 3"})
    copy = OrderCycle.objects.get(name="Week 3")
    assert copied["Location"] == reverse("web:hub_cycle", args=[copy.pk])
    assert (copy.status, copy.fulfilment_date) == (CycleStatus.DRAFT, cycle.fulfilment_date + timedelta(weeks=2))
    assert copy.offers.count() == 1

    repeated = client.post(
        reverse("web:hub_cycle_series", args=[cycle.pk]),
        {"interval_weeks": "1", "repeat_until": (cycle.fulfilment_date + timedelta(weeks=6)).isoformat()},
    )
    assert repeated.status_code == 302
    assert OrderCycleSeries.objects.get().template == cycle

    client.post(reverse("web:hub_cycle_cancel", args=[copy.pk]))
    copy.refresh_from_db()
    assert copy.status == CycleStatus.CANCELLED


def test_a_schedule_that_ends_too_soon_is_refused_on_its_field() -> None:
    people = team()
    cycle = OrderCycleFactory(hub=people.hub)

    response = client_for(people.owner).post(
        reverse("web:hub_cycle_series", args=[cycle.pk]),
        {"interval_weeks": "2", "repeat_until": cycle.fulfilment_date.isoformat()},
    )

    assert response.status_code == 400
    assert "first repetition" in response.context["form"].errors["repeat_until"][0]
    assert not OrderCycleSeries.objects.exists()
