"""The rounds pages in a real browser: no serious axe-core violations at 1280 and 375 px, the routes drawn on
the map by routes.js, and a driver marking a stop done with htmx on a phone-sized screen."""

from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from streek.accounts.tests.factories import UserFactory
from streek.logistics.models import Stop
from streek.logistics.services.dispatch import route_driver_assign
from streek.logistics.tests.factories import DriverFactory
from streek.logistics.tests.scenario import first_route, first_stop, planned_day

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (1280, 375)
BLOCKING_IMPACTS = {"serious", "critical"}
REVIEW_ONLY_RULES = {"color-contrast"}


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "streek-test")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/mijn/")


def _violations(page: Any, url: str) -> list[str]:
    found: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url, wait_until="networkidle")
        results = Axe().run(page, options={"resultTypes": ["violations", "incomplete"]}).response
        incomplete = [item for item in results["incomplete"] if item["id"] not in REVIEW_ONLY_RULES]
        for violation in results["violations"] + incomplete:
            if violation.get("impact") in BLOCKING_IMPACTS:
                targets = [", ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
                found.append(f"{url} @{width}px: {violation['id']} ({violation['impact']}) {'; '.join(targets)}")
        if width == 375:
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 1:
                found.append(f"{url} @375px: the page is {overflow}px wider than the screen")
    return found


def test_rounds_pages_are_accessible_and_the_routes_are_drawn(live_server: Any, browser_page: Any) -> None:
    planned = planned_day()
    owner = planned.owner
    owner.username = "planner"
    owner.save()
    hub, plan = planned.day.hub.pk, planned.plan.pk
    _log_in(browser_page, live_server.url, owner.username)
    paths = [
        "/rondes/",
        f"/rondes/hub/{hub}/",
        f"/rondes/hub/{hub}/depots/nieuw/",
        f"/rondes/hub/{hub}/voertuigen/nieuw/",
        f"/rondes/hub/{hub}/plannen/nieuw/",
        f"/rondes/plannen/{plan}/",
    ]
    found: list[str] = []
    for path in paths:
        found.extend(_violations(browser_page, f"{live_server.url}{path}"))
    assert not found, "serious/critical problems:\n" + "\n".join(found)

    browser_page.goto(f"{live_server.url}/rondes/plannen/{plan}/", wait_until="networkidle")
    drawn = browser_page.locator("#routes-map").get_attribute("data-loaded")
    assert drawn == str(planned.plan.routes.count())
    assert browser_page.locator("#routes-map .route-stop").count() == Stop.objects.filter(plan=planned.plan).count()


def test_a_driver_marks_a_stop_done_on_a_phone(live_server: Any, browser_page: Any) -> None:
    planned = planned_day()
    route = first_route(planned.plan)
    driver = DriverFactory(hub=planned.day.hub, user=UserFactory(username="chauffeur"))
    route_driver_assign(actor=planned.owner, route=route, driver=driver)
    stop = first_stop(route)
    _log_in(browser_page, live_server.url, "chauffeur")
    url = f"{live_server.url}/rondes/chauffeur/routes/{route.pk}/"
    found = _violations(browser_page, url) + _violations(browser_page, f"{live_server.url}/rondes/chauffeur/")
    assert not found, "serious/critical problems:\n" + "\n".join(found)

    browser_page.set_viewport_size({"width": 375, "height": 800})
    browser_page.goto(url, wait_until="networkidle")
    browser_page.locator(f"#driver-stop-{stop.pk} .driver-button").click()
    browser_page.wait_for_selector(f"#driver-stop-{stop.pk}.is-done")

    assert Stop.objects.get(pk=stop.pk).done_by == driver.user
    assert browser_page.url == url
