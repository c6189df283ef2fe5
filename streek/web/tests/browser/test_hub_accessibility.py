"""axe-core in a real browser on the hub's back office and the producer's preparation view, at 1280 and 375 px;
and the inline final weight of a line saved with htmx."""

from decimal import Decimal
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe

from streek.accounts.tests.factories import MembershipFactory, UserFactory
from streek.orders.models import Invoice, OrderLine
from streek.orders.services.cycle_close import order_cycle_close
from streek.orders.services.invoice_pdf import invoices_store_missing_pdfs
from streek.orders.tests.documents_scenario import offer_of, place_order
from streek.orders.tests.factories import (
    ChannelAdmissionFactory,
    ChannelTermsFactory,
    DeliveryZoneFactory,
    OrderCycleFactory,
    PickupPointFactory,
)

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
        # usable at phone width: the page itself never scrolls sideways (wide tables scroll in .table-scroll)
        if width == 375:
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 1:
                found.append(f"{url} @375px: the page is {overflow}px wider than the screen")
    return found


def _scene() -> dict[str, Any]:
    open_cycle = OrderCycleFactory(hub__name="Voedselhub Haspengouw", name="Groentepakket week 20")
    hub = open_cycle.hub
    carrots = offer_of(open_cycle, stock=40)
    eggs = offer_of(open_cycle, stock=None)
    order = place_order(cycle=open_cycle, lines=[(carrots, 2), (eggs, 6)])
    closed = OrderCycleFactory(hub=hub, name="Groentepakket week 19")
    place_order(cycle=closed, lines=[(offer_of(closed, stock=10), 3)])
    owner = UserFactory(username="hubbeheerder")
    MembershipFactory(user=owner, organisation=hub)
    order_cycle_close(actor=owner, cycle=closed)
    invoices_store_missing_pdfs(cycle_id=closed.pk)
    horeca = ChannelTermsFactory(hub=hub, kind="horeca")
    ChannelAdmissionFactory(terms=horeca, status="requested")
    PickupPointFactory(hub=hub)
    DeliveryZoneFactory(hub=hub)
    farmer = UserFactory(username="boer")
    MembershipFactory(user=farmer, organisation=carrots.exchange.producer)
    return {
        "hub": hub,
        "open": open_cycle,
        "closed": closed,
        "order": order,
        "owner": owner,
        "farmer": farmer,
        "producer": carrots.exchange.producer,
        "horeca": horeca,
        "invoice": Invoice.objects.get(),
    }


def test_hub_pages_have_no_serious_violations(live_server: Any, browser_page: Any) -> None:
    data = _scene()
    _log_in(browser_page, live_server.url, data["owner"].username)
    hub, cycle, closed = data["hub"].pk, data["open"].pk, data["closed"].pk
    paths = [
        f"/hub/{hub}/",
        f"/hub/{hub}/rondes/nieuw/",
        f"/hub/rondes/{cycle}/",
        f"/hub/rondes/{cycle}/aanbod/{data['producer'].pk}/",
        f"/hub/rondes/{cycle}/bestellingen/",
        f"/hub/bestellingen/{data['order'].pk}/",
        f"/hub/rondes/{cycle}/overzicht/",
        f"/hub/rondes/{cycle}/afsluiten/",
        f"/hub/rondes/{closed}/facturen/",
        f"/hub/facturen/{data['invoice'].pk}/creditnota/",
        f"/hub/{hub}/kanalen/",
        f"/hub/{hub}/kanalen/horeca/",
        f"/hub/kanalen/{data['horeca'].pk}/prijslijst/",
        f"/hub/kanalen/{data['horeca'].pk}/toelatingen/",
        f"/hub/{hub}/kratten/",
        f"/hub/{hub}/afhalen-en-leveren/",
        f"/hub/{hub}/zones/nieuw/",
    ]
    found: list[str] = []
    for path in paths:
        found.extend(_violations(browser_page, f"{live_server.url}{path}"))
    assert not found, "serious/critical problems:\n" + "\n".join(found)


def test_the_producer_weighs_a_line_inline_on_an_accessible_page(live_server: Any, browser_page: Any) -> None:
    data = _scene()
    _log_in(browser_page, live_server.url, data["farmer"].username)
    url = f"{live_server.url}/mijn-organisatie/{data['producer'].pk}/voorbereiden/{data['open'].pk}/"
    found = _violations(browser_page, url) + _violations(
        browser_page, f"{live_server.url}/mijn-organisatie/{data['producer'].pk}/voorbereiden/"
    )
    assert not found, "serious/critical problems:\n" + "\n".join(found)

    # when the final weight of the line is typed and saved (htmx swaps the row)
    line = OrderLine.objects.get(producer=data["producer"])
    browser_page.goto(url, wait_until="networkidle")
    browser_page.fill(f"#final-{line.pk}", "2.3")
    browser_page.locator(f"#line-{line.pk} button[type=submit]").click()
    browser_page.wait_for_selector(f"#line-{line.pk} [role=status]")

    # then it is kept, and the page did not reload
    line.refresh_from_db()
    assert line.final_quantity == Decimal("2.300")
    assert browser_page.url == url
