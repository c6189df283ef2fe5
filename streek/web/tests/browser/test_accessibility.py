"""axe-core in a real browser: the public, officer and producer pages have no serious or critical violations.

Each page is checked at desktop (1280 px) and phone (375 px) width, after its scripts (maps, htmx) have settled.
"""

from datetime import time
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from streek.accounts.tests.factories import MembershipFactory, OfficerFactory, UserFactory
from streek.catalog.tests.factories import (
    EventFactory,
    OpeningRuleFactory,
    OrganisationFactory,
    ProductFactory,
    RegistrationRequestFactory,
    SalesPointFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

WIDTHS = (1280, 375)
BLOCKING_IMPACTS = {"serious", "critical"}
# axe leaves some checks "incomplete" for a person to review. Colour contrast lands there whenever a cell is
# scrolled out of its overflowing table or a glyph is aria-hidden (not a defect); any other rule there is
# a real problem axe could not prove, such as aria-describedby pointing at a missing help text, so it counts too.
REVIEW_ONLY_RULES = {"color-contrast"}


def _data() -> dict[str, Any]:
    organisation = OrganisationFactory(name="Hoeve De Linde", slug="hoeve-de-linde")
    ProductFactory(organisation=organisation, name_nl="Appels")
    ProductFactory(organisation=organisation, name_nl="Peren")
    shop = SalesPointFactory(
        name="Hoevewinkel De Linde", slug="hoevewinkel-de-linde", operator=organisation, lat=50.82, lon=5.18
    )
    OpeningRuleFactory(sales_point=shop, weekday=5, opens=time(9), closes=time(18))
    machine = SalesPointFactory(
        name="Melkautomaat Het Veld", slug="melkautomaat-het-veld", type="vending_machine", lat=50.79, lon=5.21
    )
    OpeningRuleFactory(sales_point=machine, weekday=0, opens=time(8), closes=time(20))
    SalesPointFactory(name="Zelfoogst De Boomgaard", slug="zelfoogst", type="self_harvest", lat=50.84, lon=5.15)
    EventFactory(title_nl="Boerenmarkt Sint-Truiden", organiser=organisation, sales_point=shop)
    return {"organisation": organisation, "shop": shop}


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "streek-test")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/mijn/")


def _blocking_violations(page: Any, url: str) -> list[str]:
    """The serious and critical violations on `url`, at each width, as readable lines."""
    found: list[str] = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(url, wait_until="networkidle")
        results = Axe().run(page, options={"resultTypes": ["violations", "incomplete"]}).response
        incomplete = [item for item in results["incomplete"] if item["id"] not in REVIEW_ONLY_RULES]
        for violation in results["violations"] + incomplete:
            if violation.get("impact") not in BLOCKING_IMPACTS:
                continue
            targets = [", ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
            found.append(
                f"{url} @{width}px: {violation['id']} ({violation['impact']}, {len(violation['nodes'])} nodes) "
                f"{'; '.join(targets)}"
            )
    return found


def _assert_accessible(page: Any, base: str, paths: list[str]) -> None:
    found: list[str] = []
    for path in paths:
        found.extend(_blocking_violations(page, f"{base}{path}"))
    assert not found, "axe found serious/critical violations:\n" + "\n".join(found)


def test_public_pages_have_no_serious_violations(live_server: Any, browser_page: Any) -> None:
    # given sales points with opening hours, an organisation with products and an event
    data = _data()

    # when axe checks every public page, then none has a serious or critical violation
    _assert_accessible(
        browser_page,
        live_server.url,
        [
            "/",
            "/kaart/",
            "/verkooppunten/",
            f"/verkooppunt/{data['shop'].slug}/",
            f"/verkooppunt/{data['shop'].slug}/melden/",
            f"/organisatie/{data['organisation'].slug}/",
            "/agenda/",
            "/inloggen/",
            "/aanmelden/",
            "/open-data/",
            "/brochure/",
            "/embed/",
        ],
    )


def test_officer_pages_have_no_serious_violations(live_server: Any, browser_page: Any) -> None:
    # given an officer of Sint-Truiden, where the points are
    data = _data()
    officer = OfficerFactory(user__username="ambtenaar")
    RegistrationRequestFactory(municipality=officer.municipality)
    _log_in(browser_page, live_server.url, officer.user.username)

    # when axe checks the inventory dashboard and a point's edit page, then neither has a serious violation
    _assert_accessible(
        browser_page,
        live_server.url,
        [
            f"/beheer/{officer.municipality.code}/",
            f"/beheer/punt/{data['shop'].pk}/bewerken/",
            f"/beheer/punt/{data['shop'].pk}/openingsuren/",
            "/beheer/import/",
            "/aanmelden/aanvragen/",
        ],
    )


def test_producer_pages_have_no_serious_violations(live_server: Any, browser_page: Any) -> None:
    # given the owner of an organisation with products
    data = _data()
    owner = UserFactory(username="boer")
    MembershipFactory(user=owner, organisation=data["organisation"])
    _log_in(browser_page, live_server.url, owner.username)

    # when axe checks the product list and the new product form, then neither has a serious violation
    organisation_id = data["organisation"].pk
    _assert_accessible(
        browser_page,
        live_server.url,
        [f"/mijn-organisatie/{organisation_id}/producten/", f"/mijn-organisatie/{organisation_id}/producten/nieuw/"],
    )
