"""Ordering from a match in a real browser: the buyer's forms accessible at 1280 and 375 px, an order placed
with the keyboard only."""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from streek.market.choices import AgreementKind, MatchStatus
from streek.market.models import Match
from streek.orders.models import Order
from streek.orders.tests.match_scenarios import match_trade

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BLOCKING_IMPACTS = {"serious", "critical"}


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/", timeout=60_000)  # the first request of a live server may be slow
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "streek-test")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/mijn/")


def _problems(page: Any, width: int) -> list[str]:
    problems = []
    for violation in Axe().run(page).response["violations"]:
        if violation.get("impact") in BLOCKING_IMPACTS and violation["id"] != "color-contrast":
            problems.append(f"@{width}px: {violation['id']}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if overflow > 1:
        problems.append(f"@{width}px: {overflow}px wider than the screen")
    return problems


def test_the_buyer_places_an_order_from_the_match_with_the_keyboard_on_a_phone(
    live_server: Any, browser_page: Any
) -> None:
    trade = match_trade()
    trade.buyer_user.username = "koper-match"
    trade.buyer_user.save()
    _log_in(browser_page, live_server.url, "koper-match")
    url = f"{live_server.url}/markt/match/{trade.match.pk}/"
    problems: list[str] = []
    for width in (1280, 375):
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.goto(url, wait_until="networkidle")
        for details in browser_page.locator(".match-hub details").all():
            details.evaluate("element => element.open = true")
        problems += _problems(browser_page, width)
    assert not problems, problems
    # with the keyboard only: open the one-off order, type the quantity, submit
    browser_page.goto(url, wait_until="networkidle")
    browser_page.locator(".match-hub summary").first.focus()
    browser_page.keyboard.press("Enter")
    browser_page.focus(f"#order-{trade.hub.pk}-quantity")
    browser_page.keyboard.press("Control+A")
    browser_page.keyboard.type("3")
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")
    browser_page.wait_for_load_state("networkidle")
    order = Order.objects.get()
    assert order.reference in browser_page.locator("main").inner_text()
    agreed = Match.objects.get(pk=trade.match.pk)
    assert (agreed.status, agreed.agreement_kind, agreed.agreement_reference) == (
        MatchStatus.AGREED,
        AgreementKind.BUSINESS_ORDER,
        str(order.pk),
    )
    assert order.lines.get().quantity == 3
