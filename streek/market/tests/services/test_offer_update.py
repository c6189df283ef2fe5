from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from streek.catalog.tests.factories import concept
from streek.market.choices import PostStatus
from streek.market.models import Match
from streek.market.services.posts import offer_update
from streek.market.tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_changing_an_offer_rematches_it() -> None:
    # given an offer of carrots and a request for apples
    offer = OfferFactory()
    request = RequestFactory(product_type=concept("product_type", "apples"))

    # when the offer becomes apples
    offer_update(offer=offer, actor=None, product_type="apples", quantity=Decimal("80"))

    # then
    offer.refresh_from_db()
    assert offer.quantity == Decimal("80")
    assert Match.objects.filter(offer=offer, request=request).exists()


def test_only_the_given_fields_change() -> None:
    offer = OfferFactory(title="Oude titel", packaging="kisten")

    offer_update(offer=offer, actor=None, title="Nieuwe titel")

    offer.refresh_from_db()
    assert (offer.title, offer.packaging) == ("Nieuwe titel", "kisten")


def test_the_quantity_cannot_go_below_what_food_banks_claimed() -> None:
    offer = OfferFactory(quantity=Decimal("10"), quantity_claimed=Decimal("6"))

    with pytest.raises(ValidationError):
        offer_update(offer=offer, actor=None, quantity=Decimal("5"))

    offer.refresh_from_db()
    assert offer.quantity == Decimal("10")


def test_a_withdrawn_offer_cannot_be_changed() -> None:
    offer = OfferFactory(status=PostStatus.WITHDRAWN, title="Weg")

    with pytest.raises(ValidationError):
        offer_update(offer=offer, actor=None, title="Terug")

    offer.refresh_from_db()
    assert offer.title == "Weg"
