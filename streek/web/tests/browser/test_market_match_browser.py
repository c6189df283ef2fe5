"""The match page in a real browser: accessible at 1280 and 375 px, and an agreement recorded with the keyboard."""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from streek.market.choices import AgreementKind, MatchStatus
from streek.market.models import Match
from streek.market.tests.factories import MatchFactory, member

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BLOCKING_IMPACTS = {"serious", "critical"}


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "streek-test")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/mijn/")


def test_a_party_records_an_agreement_with_the_keyboard_on_a_phone(live_server: Any, browser_page: Any) -> None:
    match = MatchFactory()
    buyer = member(match.request.organisation)
    buyer.username = "koper"
    buyer.save()
    _log_in(browser_page, live_server.url, "koper")
    url = f"{live_server.url}/markt/match/{match.pk}/"
    problems: list[str] = []
    for width in (1280, 375):
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.goto(url, wait_until="networkidle")
        results = Axe().run(browser_page).response
        for violation in results["violations"]:
            if violation.get("impact") in BLOCKING_IMPACTS and violation["id"] != "color-contrast":
                problems.append(f"@{width}px: {violation['id']}")
        overflow = browser_page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if overflow > 1:
            problems.append(f"@{width}px: {overflow}px wider than the screen")
    assert not problems, problems
    # with the keyboard only: choose "business order", type the reference, confirm, submit
    browser_page.focus("#id_kind_0")
    browser_page.keyboard.press("ArrowDown")
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.type("B-42")
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.press("Space")
    browser_page.keyboard.press("Tab")
    with browser_page.expect_navigation():
        browser_page.keyboard.press("Enter")
    browser_page.wait_for_load_state("networkidle")
    assert "B-42" in browser_page.locator("main").inner_text()
    agreed = Match.objects.get(pk=match.pk)
    assert (agreed.status, agreed.agreement_kind, agreed.agreement_reference) == (
        MatchStatus.AGREED,
        AgreementKind.BUSINESS_ORDER,
        "B-42",
    )
