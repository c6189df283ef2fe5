from decimal import Decimal

import pytest

from streek.market.models import Offer
from streek.orders.models import CycleProducer, CycleSurplus
from streek.orders.services.cycle_close import order_cycle_close
from streek.orders.services.surplus_market import cycle_surplus_post_to_market, surplus_source_reference
from streek.orders.tests.documents_scenario import editor_of, offer_of, place_order
from streek.orders.tests.factories import OrderCycleFactory

pytestmark = pytest.mark.django_db


def _closed_with_surplus(*, opted_in: bool, capture) -> tuple[CycleSurplus, int]:  # type: ignore[no-untyped-def]
    cycle = OrderCycleFactory()
    carrots = offer_of(cycle, stock=20)
    place_order(cycle=cycle, lines=[(carrots, 2)])
    CycleProducer.objects.filter(pk=carrots.exchange_id).update(surplus_to_market=opted_in)
    with capture(execute=True):
        order_cycle_close(actor=editor_of(cycle.hub), cycle=cycle)
    (surplus,) = CycleSurplus.objects.filter(cycle=cycle)
    return surplus, cycle.pk


def test_close_posts_the_unsold_stock_of_a_producer_that_opted_in(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    # given a producer that opted in, with 18 of 20 items unsold, when the cycle closes
    surplus, _ = _closed_with_surplus(opted_in=True, capture=django_capture_on_commit_callbacks)

    # then a surplus offer of the producer is on the board, linked from the surplus row
    surplus.refresh_from_db()
    assert surplus.market_offer_id is not None
    offer = Offer.objects.get(pk=surplus.market_offer_id)
    variant = surplus.offer.variant
    assert offer.organisation_id == surplus.producer_id
    assert offer.is_surplus and offer.source_reference == surplus_source_reference(surplus)
    assert offer.quantity == variant.quantity * 18
    assert offer.unit_id == variant.unit_id
    assert offer.product_type_id == variant.product.product_type_id
    assert offer.price == (surplus.offer.producer_price / variant.quantity).quantize(Decimal("0.01"))


def test_posting_again_makes_no_duplicate(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    # given a closed cycle whose surplus is already posted
    surplus, cycle_id = _closed_with_surplus(opted_in=True, capture=django_capture_on_commit_callbacks)

    # when it runs again, also after the link was lost
    again = cycle_surplus_post_to_market(cycle_id=cycle_id)
    CycleSurplus.objects.filter(pk=surplus.pk).update(market_offer_id=None)
    cycle_surplus_post_to_market(cycle_id=cycle_id)

    # then still one offer
    assert again == 0
    assert Offer.objects.filter(source_reference=surplus_source_reference(surplus)).count() == 1


def test_a_producer_that_did_not_opt_in_is_not_posted(django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    surplus, cycle_id = _closed_with_surplus(opted_in=False, capture=django_capture_on_commit_callbacks)

    assert cycle_surplus_post_to_market(cycle_id=cycle_id) == 0
    surplus.refresh_from_db()
    assert surplus.market_offer_id is None
    assert not Offer.objects.exists()
