from datetime import time
from decimal import Decimal

import pytest
from django.urls import reverse

from streek.accounts.models import User
from streek.accounts.tests.factories import MembershipFactory
from streek.catalog.choices import OrganisationKind
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.orders.choices import AdmissionStatus, ChannelKind, PaymentTerms, Preparation
from streek.orders.models import Basket, ChannelAdmission, ChannelTerms
from streek.orders.tests.factories import ChannelAdmissionFactory, ChannelVariantTermFactory

from .conftest import english_client, market_open

pytestmark = pytest.mark.django_db


def _restaurant_manager() -> tuple[Organisation, User]:
    restaurant = OrganisationFactory(kind=OrganisationKind.HORECA, name="Bistro Het Plein")
    return restaurant, MembershipFactory(organisation=restaurant, role="manager").user


def test_a_business_buyer_asks_for_admission_to_the_hubs_business_channel() -> None:
    # given a hub with a horeca channel and a restaurant's manager
    market = market_open(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    horeca = ChannelTerms.objects.get(hub=market.hub, kind=ChannelKind.HORECA)
    restaurant, manager = _restaurant_manager()
    client = english_client(manager)
    url = reverse("web:shop_admission", args=[market.hub.slug])
    assert "Hospitality (horeca)" in client.get(url).content.decode()

    # when the manager sends the request
    response = client.post(url, {"organisation": restaurant.pk, "terms": horeca.pk}, follow=True)

    # then the hub has a request to decide on, and the page shows it
    admission = ChannelAdmission.objects.get()
    assert (admission.buyer, admission.terms, admission.status) == (restaurant, horeca, AdmissionStatus.REQUESTED)
    assert "Requested" in response.content.decode()


def test_admission_needs_a_sign_in() -> None:
    market = market_open()

    response = english_client().get(reverse("web:shop_admission", args=[market.hub.slug]))

    assert response.status_code == 302


def test_an_admitted_business_buys_on_its_channels_prices_and_sees_its_terms_at_checkout() -> None:
    # given a hub whose horeca channel sells per case of 6 at 1.50, pays in 30 days, order by 12:00 the day before
    market = market_open(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    horeca = ChannelTerms.objects.get(hub=market.hub, kind=ChannelKind.HORECA)
    ChannelTerms.objects.filter(pk=horeca.pk).update(
        payment_terms=PaymentTerms.NET_30,
        cutoff_days_before=1,
        cutoff_time=time(12),
        preparations=[Preparation.WASHED],
    )
    offer = market.offers[0]
    ChannelVariantTermFactory(terms=horeca, variant=offer.variant, price=Decimal("1.50"), case_size=6)
    restaurant, manager = _restaurant_manager()
    ChannelAdmissionFactory(terms=horeca, buyer=restaurant, status=AdmissionStatus.ADMITTED)
    client = english_client(manager)
    shop_url = reverse("web:shop_page", args=[market.hub.slug])

    # when the manager chooses to buy for the restaurant
    client.post(reverse("web:shop_buying_for", args=[market.hub.slug]), {"organisation": restaurant.pk})
    page = client.get(shop_url).content.decode()

    # then the shop shows the channel's price per item and per case, and the preparation choice
    assert "Prices and terms of the channel Hospitality (horeca) for Bistro Het Plein." in page
    assert "€ 1.59" in page  # 1.50 + 6% VAT
    assert "€ 9.54 per case of 6" in page
    assert 'name="preparation"' in page

    # and a case in the basket is the restaurant's basket, whose checkout shows the channel's terms
    client.post(
        reverse("web:basket_add", args=[market.hub.slug]),
        {"cycle": market.cycle.pk, "offer": offer.pk, "quantity": 6, "preparation": Preparation.WASHED},
    )
    basket = Basket.objects.get()
    assert (basket.buyer_organisation, basket.terms) == (restaurant, horeca)
    checkout = client.get(reverse("web:checkout", args=[basket.pk])).content.decode()
    assert "Bistro Het Plein" in checkout
    assert "Within 30 days" in checkout
    assert "Hospitality (horeca)" in checkout
    assert "Washed" in checkout


def test_a_business_not_admitted_sees_consumer_prices_and_a_way_to_ask() -> None:
    market = market_open(with_channels=[ChannelKind.CONSUMER, ChannelKind.HORECA])
    restaurant, manager = _restaurant_manager()
    client = english_client(manager)

    client.post(reverse("web:shop_buying_for", args=[market.hub.slug]), {"organisation": restaurant.pk})
    page = client.get(reverse("web:shop_page", args=[market.hub.slug])).content.decode()

    assert "is not admitted to a business channel" in page
    assert reverse("web:shop_admission", args=[market.hub.slug]) in page
    assert f'id="quantity-{market.offers[0].pk}"' not in page


def test_one_cannot_buy_for_an_organisation_one_does_not_manage() -> None:
    market = market_open()
    stranger_org = OrganisationFactory()
    _restaurant, manager = _restaurant_manager()
    client = english_client(manager)

    client.post(reverse("web:shop_buying_for", args=[market.hub.slug]), {"organisation": stranger_org.pk})

    assert "shop_buying_for" not in client.session
