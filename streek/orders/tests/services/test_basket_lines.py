"""Baskets: one per buyer and cycle, lines with the channel's case sizes and minimums, merged at login."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from streek.accounts.tests.factories import UserFactory
from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory
from streek.orders.choices import AdmissionStatus, ChannelKind, Preparation
from streek.orders.exceptions import BasketRefused, ChannelRefused
from streek.orders.models import Basket, BasketLine, ChannelTerms
from streek.orders.services.basket import basket_clear, basket_get_or_create, basket_merge_session, basket_set_line
from streek.orders.tests.buyer_scenarios import organisation_member, shop_open
from streek.orders.tests.factories import ChannelAdmissionFactory, ChannelVariantTermFactory, OrderCycleFactory

pytestmark = pytest.mark.django_db


def test_a_buyer_has_one_basket_per_cycle_on_the_consumer_terms():
    shop = shop_open()
    buyer = UserFactory()

    first = basket_get_or_create(cycle=shop.cycle, user=buyer, session_key="")
    again = basket_get_or_create(cycle=shop.cycle, user=buyer, session_key="ignored")

    assert first.pk == again.pk
    assert first.terms == shop.terms
    assert Basket.objects.count() == 1


def test_a_guest_basket_belongs_to_the_session():
    shop = shop_open()

    basket = basket_get_or_create(cycle=shop.cycle, user=AnonymousUser(), session_key="s-1")

    assert (basket.user_id, basket.session_key) == (None, "s-1")
    assert basket_get_or_create(cycle=shop.cycle, user=None, session_key="s-1").pk == basket.pk
    assert basket_get_or_create(cycle=shop.cycle, user=None, session_key="s-2").pk != basket.pk


def test_an_admitted_organisation_gets_its_business_channel():
    shop = shop_open(with_channels=[ChannelKind.CONSUMER, ChannelKind.CARE])
    care = ChannelTerms.objects.get(hub=shop.hub, kind=ChannelKind.CARE)
    home = OrganisationFactory(kind=OrganisationKind.CARE)
    ChannelAdmissionFactory(terms=care, buyer=home)

    basket = basket_get_or_create(
        cycle=shop.cycle, user=organisation_member(home), session_key="", buyer_organisation=home
    )

    assert (basket.terms, basket.buyer_organisation) == (care, home)


@pytest.mark.parametrize("status", [AdmissionStatus.REQUESTED, AdmissionStatus.REFUSED, None])
def test_an_organisation_not_admitted_is_refused(status):  # noqa: ANN001
    shop = shop_open(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    restaurant = OrganisationFactory(kind=OrganisationKind.HORECA)
    if status is not None:
        ChannelAdmissionFactory(
            terms=ChannelTerms.objects.get(hub=shop.hub, kind=ChannelKind.HORECA), buyer=restaurant, status=status
        )

    with pytest.raises(ChannelRefused):
        basket_get_or_create(
            cycle=shop.cycle, user=organisation_member(restaurant), session_key="", buyer_organisation=restaurant
        )

    assert Basket.objects.count() == 0


def test_buying_for_an_organisation_one_does_not_manage_is_refused():
    shop = shop_open(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    restaurant = OrganisationFactory(kind=OrganisationKind.HORECA)
    ChannelAdmissionFactory(terms=ChannelTerms.objects.get(hub=shop.hub, kind=ChannelKind.HORECA), buyer=restaurant)

    with pytest.raises(ChannelRefused):
        basket_get_or_create(cycle=shop.cycle, user=UserFactory(), session_key="", buyer_organisation=restaurant)

    assert Basket.objects.count() == 0


def test_set_line_adds_changes_and_removes():
    shop = shop_open()
    basket = basket_get_or_create(cycle=shop.cycle, user=UserFactory(), session_key="")

    line = basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=2)
    changed = basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=5)
    removed = basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=0)

    assert line is not None and changed is not None
    assert (changed.pk, changed.quantity) == (line.pk, 5)
    assert removed is None
    assert not BasketLine.objects.exists()


def test_set_line_refuses_the_case_size_and_minimum_naming_the_line():
    # given cases of 6, at least 12
    shop = shop_open(stock=100)
    ChannelVariantTermFactory(terms=shop.terms, variant=shop.offers[0].variant, case_size=6, minimum_quantity=12)
    basket = basket_get_or_create(cycle=shop.cycle, user=UserFactory(), session_key="")
    name = shop.offers[0].variant.product.name

    for quantity, expected in ((6, "12"), (14, "6")):
        with pytest.raises(BasketRefused) as refused:
            basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=quantity)
        assert refused.value.offer_id == shop.offers[0].pk
        assert name in refused.value.message and expected in refused.value.message
    assert not BasketLine.objects.exists()

    assert basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=18) is not None


def test_set_line_refuses_more_than_is_left():
    shop = shop_open(stock=3)
    basket = basket_get_or_create(cycle=shop.cycle, user=UserFactory(), session_key="")

    with pytest.raises(BasketRefused) as refused:
        basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=4)

    assert refused.value.extra["available"] == 3
    assert not BasketLine.objects.exists()


def test_set_line_refuses_an_offer_of_another_cycle_and_a_closed_cycle():
    shop = shop_open()
    elsewhere = shop_open()
    basket = basket_get_or_create(cycle=shop.cycle, user=UserFactory(), session_key="")

    with pytest.raises(BasketRefused):
        basket_set_line(basket=basket, offer_id=elsewhere.offers[0].pk, quantity=1)
    shop.cycle.closes_at = timezone.now() - timedelta(minutes=1)
    shop.cycle.opens_at = timezone.now() - timedelta(days=2)
    shop.cycle.save()
    with pytest.raises(BasketRefused):
        basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=1)

    assert not BasketLine.objects.exists()


def test_set_line_accepts_only_the_channels_preparations():
    shop = shop_open()
    shop.terms.preparations = [Preparation.WASHED]
    shop.terms.save()
    basket = basket_get_or_create(cycle=shop.cycle, user=UserFactory(), session_key="")

    with pytest.raises(BasketRefused):
        basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=1, preparation=Preparation.CUT)
    line = basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=1, preparation=Preparation.WASHED)

    assert line is not None and line.preparation == Preparation.WASHED


def test_merge_session_hands_the_guest_basket_to_the_user():
    # given a guest basket in one cycle, and in another cycle both a guest and a user basket
    shop = shop_open()
    other = shop_open()
    user = UserFactory()
    guest = basket_get_or_create(cycle=shop.cycle, user=None, session_key="s-9")
    basket_set_line(basket=guest, offer_id=shop.offers[0].pk, quantity=2)
    guest_other = basket_get_or_create(cycle=other.cycle, user=None, session_key="s-9")
    basket_set_line(basket=guest_other, offer_id=other.offers[0].pk, quantity=3)
    basket_set_line(basket=guest_other, offer_id=other.offers[1].pk, quantity=1)
    own = basket_get_or_create(cycle=other.cycle, user=user, session_key="")
    basket_set_line(basket=own, offer_id=other.offers[0].pk, quantity=1)

    # when the guest logs in
    merged = basket_merge_session(session_key="s-9", user=user)

    # then the first basket is the user's, the second merged into the user's own
    assert {basket.pk for basket in merged} == {guest.pk, own.pk}
    guest.refresh_from_db()
    assert (guest.user_id, guest.session_key) == (user.pk, "")
    assert sorted(own.lines.values_list("offer_id", "quantity")) == [(other.offers[0].pk, 3), (other.offers[1].pk, 1)]
    assert not Basket.objects.filter(pk=guest_other.pk).exists()


def test_clear_empties_the_basket():
    shop = shop_open()
    basket = basket_get_or_create(cycle=shop.cycle, user=UserFactory(), session_key="")
    basket_set_line(basket=basket, offer_id=shop.offers[0].pk, quantity=1)

    basket_clear(basket=basket)

    assert not basket.lines.exists()
    assert Basket.objects.filter(pk=basket.pk).exists()


def test_a_cycle_without_consumer_channel_refuses_households():
    cycle = OrderCycleFactory(with_channels=[ChannelKind.SCHOOL])

    with pytest.raises(ChannelRefused):
        basket_get_or_create(cycle=cycle, user=UserFactory(), session_key="")

    assert Basket.objects.count() == 0
