"""The shop in a real browser: a guest fills a basket from two producers with htmx, signs in and checks out."""

from decimal import Decimal
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from streek.accounts.tests.factories import UserFactory
from streek.orders.models import Basket, Order
from streek.orders.tests.factories import CycleOfferFactory, CycleProducerFactory, OrderCycleFactory, PickupSlotFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BLOCKING_IMPACTS = {"serious", "critical"}
REVIEW_ONLY_RULES = {"color-contrast"}


def _market() -> dict[str, Any]:
    # Load the URL configuration in this process first: the live server's thread shares it, and importing
    # every app on the first request may take longer than a page's timeout on a busy machine.
    reverse("web:shop_list")
    cycle = OrderCycleFactory(hub__name="Voedselhub Haspengouw", hub__slug="voedselhub-haspengouw")
    offers = [
        CycleOfferFactory(
            exchange=CycleProducerFactory(cycle=cycle, producer__name=name),
            variant__product__name_nl=product,
            producer_price=Decimal("3.00"),
            stock=10,
        )
        for name, product in (("Hoeve De Linde", "Appels"), ("Kaasmakerij Het Veld", "Jonge kaas"))
    ]
    slot = PickupSlotFactory(cycle=cycle, pickup_point__name="Markt Sint-Truiden")
    return {"cycle": cycle, "offers": offers, "slot": slot}


def _add(page: Any, offer_id: int, quantity: int) -> None:
    page.fill(f"#quantity-{offer_id}", str(quantity))
    page.locator(f"#offer-{offer_id} button[type=submit]").click()
    page.wait_for_function(f"document.querySelector('#offer-{offer_id}-status').textContent.includes('{quantity}')")


def test_a_guest_fills_a_basket_from_two_producers_and_checks_out_for_a_pickup_slot(
    live_server: Any, browser_page: Any
) -> None:
    # given an open cycle with apples and cheese of two producers, a pickup slot, and a buyer with an account
    market = _market()
    buyer = UserFactory(username="koper")
    apples, cheese = market["offers"]
    page = browser_page
    page.goto(f"{live_server.url}/winkel/voedselhub-haspengouw/")

    # when the guest adds both with htmx (the page stays, the basket summary updates in place)
    _add(page, apples.pk, 2)
    _add(page, cheese.pk, 1)
    assert page.url.endswith("/winkel/voedselhub-haspengouw/")
    assert page.locator("#basket-summary").inner_text().count("3") >= 1

    # and goes to the basket, signs in on the way to the checkout and picks the pickup slot
    page.locator("#basket-summary a.basket-link").click()
    page.wait_for_url("**/winkel/mandje/*/")
    assert page.locator("table.basket-table").count() == 2  # one table per producer
    page.locator("a.checkout-link").click()
    page.wait_for_url("**/inloggen/**")
    page.fill("input[name=username]", "koper")
    page.fill("input[name=password]", "streek-test")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/afrekenen/")
    page.check("input[name=fulfilment_method][value=pickup]")
    page.check(f"#checkout-slot-{market['slot'].pk}")
    page.locator("button.checkout-submit").click()

    # then the confirmation shows the order, split over the two producers, and the basket is empty
    page.wait_for_url("**/bevestiging/")
    order = Order.objects.get(buyer=buyer)
    assert order.reference in page.locator("main").inner_text()
    assert order.structured_communication in page.locator("main").inner_text()
    assert order.producer_orders.count() == 2
    assert sorted(order.lines.values_list("quantity", flat=True)) == [1, 2]
    assert order.pickup_slot_id == market["slot"].pk
    assert not Basket.objects.filter(user=buyer, lines__isnull=False).exists()


def test_shop_pages_have_no_serious_violations(live_server: Any, browser_page: Any) -> None:
    # given a guest with a basket and a buyer who placed an order
    market = _market()
    UserFactory(username="koper")
    page = browser_page
    page.goto(f"{live_server.url}/winkel/voedselhub-haspengouw/")
    _add(page, market["offers"][0].pk, 2)
    basket_url = page.locator("#basket-summary a.basket-link").get_attribute("href")

    # when axe checks the shop list, the shop page and the basket at desktop and phone width
    found: list[str] = []
    for path in ["/winkel/", "/winkel/voedselhub-haspengouw/", basket_url]:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.goto(f"{live_server.url}{path}", wait_until="networkidle")
            results = Axe().run(page, options={"resultTypes": ["violations", "incomplete"]}).response
            incomplete = [item for item in results["incomplete"] if item["id"] not in REVIEW_ONLY_RULES]
            for violation in results["violations"] + incomplete:
                if violation.get("impact") in BLOCKING_IMPACTS:
                    found.append(f"{path} @{width}px: {violation['id']} {violation['nodes'][0]['target']}")

    # then none has a serious or critical violation
    assert not found, "\n".join(found)
