"""Delivered order lines become sale facts (through the order_delivered event), once, with the right values."""

from decimal import Decimal

import pytest
from django.utils import timezone

from streek.catalog.tests.factories import OrganisationFactory, municipality
from streek.monitor.choices import CollaborationKind
from streek.monitor.models import CollaborationFact, SaleFact
from streek.monitor.services import sale_facts_append
from streek.monitor.tests.factories import CollaborationFactFactory
from streek.orders.models import OrderLine
from streek.orders.services.orders import order_mark_delivered
from streek.orders.tests.buyer_scenarios import buyer_with_basket, checkout_pickup, organisation_member, shop_open

pytestmark = pytest.mark.django_db


def _delivered(quantities: dict[int, int] | None = None):  # noqa: ANN202
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, quantities or {0: 2, 1: 1})
    order = checkout_pickup(shop, buyer, basket)
    manager = organisation_member(shop.hub, role="manager")
    return shop, order_mark_delivered(actor=manager, order=order)


def test_delivering_an_order_appends_one_fact_per_line_with_its_values():
    # given a household's order of two lines from one producer via a hub
    shop, order = _delivered()

    # then (the event fired inside the delivery) each line is a sale fact
    lines = {line.pk: line for line in OrderLine.objects.filter(order=order)}
    facts = list(SaleFact.objects.order_by("order_line_id"))
    assert [f.order_line_id for f in facts] == sorted(lines)
    fact = facts[0]
    line = lines[fact.order_line_id]
    today = timezone.localdate(order.delivered_at)
    assert fact.delivered_on == today
    assert (fact.year, fact.quarter) == (today.year, (today.month - 1) // 3 + 1)
    assert fact.producer_id == shop.producer.pk
    assert fact.producer_municipality_id == shop.producer.municipality_id
    assert fact.hub_id == shop.hub.pk
    assert fact.buyer_kind == "household"
    assert fact.buyer_organisation_id is None
    assert fact.is_public_buyer is False
    assert fact.channel == "consumer"
    assert fact.intermediaries == line.intermediaries == 1
    assert fact.value == line.amount
    assert fact.producer_value == line.producer_amount


def test_the_delivery_records_a_new_producer_hub_collaboration():
    shop, order = _delivered()

    collaboration = CollaborationFact.objects.get()
    assert collaboration.kind == CollaborationKind.PRODUCER_HUB
    assert (collaboration.producer_id, collaboration.partner_id) == (shop.producer.pk, shop.hub.pk)
    assert collaboration.is_new is True
    assert collaboration.year == timezone.localdate(order.delivered_at).year


def test_a_pair_that_traded_in_an_earlier_year_is_not_new():
    shop = shop_open()
    year = timezone.localdate().year
    CollaborationFactFactory(producer=shop.producer, partner=shop.hub, year=year - 1)
    buyer, basket = buyer_with_basket(shop, {0: 1})
    order = checkout_pickup(shop, buyer, basket)

    order_mark_delivered(actor=organisation_member(shop.hub, role="manager"), order=order)

    assert CollaborationFact.objects.get(year=year).is_new is False


def test_appending_again_changes_nothing():
    _shop, order = _delivered()
    before = list(SaleFact.objects.order_by("pk").values())

    appended = sale_facts_append(order_id=order.pk)

    assert appended == 2
    assert list(SaleFact.objects.order_by("pk").values()) == before
    assert CollaborationFact.objects.count() == 1


def test_an_organisation_buyer_sets_kind_municipality_and_public_procurement():
    # given an order placed for a school elsewhere
    school = OrganisationFactory(kind="school", municipality=municipality("71072"))
    shop, order = _delivered({0: 1})
    OrderLine.objects.filter(order=order).update(amount=Decimal("12.50"))
    type(order).objects.filter(pk=order.pk).update(buyer_organisation=school)
    SaleFact.objects.all().delete()
    CollaborationFact.objects.all().delete()

    sale_facts_append(order_id=order.pk)

    fact = SaleFact.objects.get()
    assert fact.buyer_kind == "school"
    assert fact.buyer_organisation_id == school.pk
    assert fact.buyer_municipality_id == school.municipality_id
    assert fact.is_public_buyer is True
    assert fact.value == Decimal("12.50")
    kinds = set(CollaborationFact.objects.values_list("kind", "partner_id"))
    assert kinds == {(CollaborationKind.PRODUCER_HUB, shop.hub.pk), (CollaborationKind.PRODUCER_BUYER, school.pk)}


def test_an_order_that_is_not_delivered_appends_nothing():
    shop = shop_open()
    buyer, basket = buyer_with_basket(shop, {0: 1})
    order = checkout_pickup(shop, buyer, basket)

    assert sale_facts_append(order_id=order.pk) == 0
    assert not SaleFact.objects.exists()
