from datetime import UTC, date, datetime

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import translation

from streek.accounts.tests.factories import UserFactory
from streek.catalog.tests.factories import OrganisationFactory
from streek.orders.notifications import order_changed_notify, order_cycle_closed_notify, order_placed_notify
from streek.orders.tests.documents_scenario import editor_of, offer_of, place_order
from streek.orders.tests.factories import OrderCycleFactory, PickupSlotFactory

pytestmark = pytest.mark.django_db

# Django's own catalogues name the months in each language.
MARCH = {"nl": "maart", "fr": "mars", "en": "March"}


def _order(buyer_language: str = "fr"):  # type: ignore[no-untyped-def]
    cycle = OrderCycleFactory(fulfilment_date=date(2025, 3, 14))
    carrots = offer_of(cycle)
    cheese = offer_of(cycle)
    buyer = UserFactory(language=buyer_language)
    slot = PickupSlotFactory(cycle=cycle, starts_at=datetime(2025, 3, 14, 16, tzinfo=UTC))
    order = place_order(cycle=cycle, buyer=buyer, lines=[(carrots, 2), (cheese, 1)], slot=slot)
    return order, carrots.exchange.producer, cheese.exchange.producer


def test_placed_order_confirms_to_the_buyer_and_sends_each_producer_its_part() -> None:
    # given a French buyer, a Dutch-speaking producer and a producer known only by its address
    order, farm, dairy = _order("fr")
    farmer = editor_of(farm, language="nl")
    dairy.email = "kaas@example.org"
    dairy.save()

    # when
    with translation.override("en"):
        sent = order_placed_notify(order_id=order.pk)
        assert translation.get_language() == "en"

    # then
    assert sent == 3
    by_address = {message.to[0]: message for message in mail.outbox}
    to_buyer = by_address[order.buyer.email]
    assert order.reference in to_buyer.subject
    assert to_buyer.extra_headers["Content-Language"] == "fr"
    assert MARCH["fr"] in to_buyer.body
    assert order.structured_communication in to_buyer.body
    assert isinstance(to_buyer, EmailMultiAlternatives)
    assert to_buyer.alternatives[0][1] == "text/html"
    to_farm = by_address[farmer.email]
    assert to_farm.extra_headers["Content-Language"] == "nl"
    assert MARCH["nl"] in to_farm.body
    farm_lines = order.lines.filter(producer=farm)
    dairy_lines = order.lines.filter(producer=dairy)
    assert all(line.description in to_farm.body for line in farm_lines)
    assert not any(line.description in to_farm.body for line in dairy_lines)
    assert by_address["kaas@example.org"].extra_headers["Content-Language"] == "nl"


def test_a_change_is_told_to_the_buyer_and_a_cancellation_to_the_producers_too() -> None:
    order, farm, _dairy = _order("en")
    farmer = editor_of(farm, language="fr")

    order_changed_notify(order_id=order.pk, change="ready")
    assert [message.to for message in mail.outbox] == [[order.buyer.email]]

    order_changed_notify(order_id=order.pk, change="cancelled")
    recipients = [message.to[0] for message in mail.outbox[1:]]
    assert recipients == [order.buyer.email, farmer.email]
    assert "cancelled" in mail.outbox[1].body


def test_cycle_closed_tells_producers_what_to_prepare() -> None:
    order, farm, _dairy = _order("nl")
    farmer = editor_of(farm, language="en")

    order_cycle_closed_notify(cycle_id=order.cycle_id)

    (to_farm,) = [message for message in mail.outbox if message.to == [farmer.email]]
    (line,) = order.lines.filter(producer=farm)
    assert f"2 x {line.description}" in to_farm.body
    assert MARCH["en"] in to_farm.body
    assert any(message.to == [order.buyer.email] for message in mail.outbox)


def test_nothing_is_sent_for_an_unknown_order_or_a_buyer_without_address() -> None:
    order, _farm, _dairy = _order()
    order.buyer.email = ""
    order.buyer.save()
    OrganisationFactory()

    assert order_placed_notify(order_id=order.pk + 1000) == 0
    assert order_placed_notify(order_id=order.pk) == 0
    assert mail.outbox == []
