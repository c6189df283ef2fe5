"""The monitor in a real browser: the dashboard at phone width (axe, no sideways scrolling) and the choropleth."""

from decimal import Decimal
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from streek.catalog.tests.factories import OrganisationFactory
from streek.monitor.tests.factories import SaleFactFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

BLOCKING_IMPACTS = {"serious", "critical"}
REVIEW_ONLY_RULES = {"color-contrast"}


def _sales(producers: int) -> None:
    for _ in range(producers):
        SaleFactFactory(producer=OrganisationFactory(), value=Decimal("100.00"), producer_value=Decimal("100.00"))


def _blocking(page: Any) -> list[str]:
    results = Axe().run(page, options={"resultTypes": ["violations", "incomplete"]}).response
    found = []
    for item in results["violations"] + [i for i in results["incomplete"] if i["id"] not in REVIEW_ONLY_RULES]:
        if item.get("impact") in BLOCKING_IMPACTS:
            found.append(f"{item['id']} ({item['impact']}): {[n['target'] for n in item['nodes'][:3]]}")
    return found


def test_the_dashboard_works_at_phone_width(live_server: Any, browser_page: Any) -> None:
    # given sales by three producers in Sint-Truiden
    _sales(3)
    page = browser_page
    page.set_default_navigation_timeout(90_000)

    # when the dashboard opens on a 375 px wide screen
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/monitor/municipality-71053/2025/", wait_until="networkidle")

    # then it shows the charts, scrolls only vertically and has no serious accessibility violation
    assert page.locator("svg[role=img]").count() >= 15
    assert page.locator("#K6 table").first.is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 380, f"the page is {width}px wide at 375px"
    found = _blocking(page)
    assert not found, "axe found serious/critical violations:\n" + "\n".join(found)


def test_the_choropleth_draws_the_cells(live_server: Any, browser_page: Any) -> None:
    _sales(3)
    page = browser_page
    page.set_default_navigation_timeout(60_000)

    page.goto(
        f"{live_server.url}/monitor/kaart/?figure=K6.turnover&year=2025&region=province-70000",
        wait_until="networkidle",
    )

    page.wait_for_selector("#monitor-map[data-ready=true]")
    assert page.locator("#monitor-map path.leaflet-interactive").count() > 10
    found = _blocking(page)
    assert not found, "axe found serious/critical violations:\n" + "\n".join(found)
