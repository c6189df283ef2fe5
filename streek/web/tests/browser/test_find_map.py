"""The Find map in a real browser: markers load, a filter updates the list through htmx, a point opens, French works.

Set STREEK_SCREENSHOTS=<directory> to also save phone-size (375 x 800) screenshots of the map and a point page.
"""

import os
from datetime import time
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation

from streek.catalog.choices import SalesPointType
from streek.catalog.tests.factories import OpeningRuleFactory, SalesPointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _points() -> None:
    SalesPointFactory(name="Hoevewinkel De Linde", slug="hoevewinkel-de-linde", type="farm_shop", lat=50.82, lon=5.18)
    SalesPointFactory(name="Zelfoogst De Boomgaard", slug="zelfoogst", type="self_harvest", lat=50.84, lon=5.15)
    automaat = SalesPointFactory(
        name="Melkautomaat Het Veld", slug="melkautomaat-het-veld", type="vending_machine", lat=50.79, lon=5.21
    )
    OpeningRuleFactory(sales_point=automaat, weekday=5, opens=time(8), closes=time(20))


def _screenshot(page: Any, name: str) -> None:
    directory = os.environ.get("STREEK_SCREENSHOTS")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)


def test_map_filter_list_point_and_language(live_server: Any, browser_page: Any) -> None:
    _points()
    page = browser_page

    # Given the map page, markers (or marker clusters) appear once the map data is loaded.
    page.goto(f"{live_server.url}/kaart/")
    page.wait_for_selector('#find-map[data-loaded="3"]')
    assert page.locator("#find-map .leaflet-marker-icon").count() >= 1
    assert page.locator("#results .point-row").count() == 3

    # When a type is ticked, htmx reloads the list, pushes the filters into the address and the map follows.
    page.locator(".more-filters summary").click()
    with translation.override("nl"):  # the interface speaks Dutch by default
        vending_machine = str(SalesPointType.VENDING_MACHINE.label)
    page.get_by_label(vending_machine, exact=True).check()
    page.wait_for_function("document.querySelectorAll('#results .point-row').length === 1")
    page.wait_for_url("**/kaart/?type=vending_machine")
    page.wait_for_selector('#find-map[data-loaded="1"]')
    assert "Melkautomaat Het Veld" in page.locator("#results").inner_text()

    # Then the point opens from the list.
    page.locator("#results").get_by_role("link", name="Melkautomaat Het Veld").click()
    page.wait_for_url("**/verkooppunt/melkautomaat-het-veld/")
    assert page.locator("h1").inner_text() == "Melkautomaat Het Veld"
    page.wait_for_selector("#point-map .leaflet-marker-icon")

    # And the language switch turns the page into French.
    page.select_option("#language-select", "fr")
    page.locator(".language-switch button[type=submit]").click()
    page.wait_for_selector("html[lang=fr]")
    assert "Saint-Trond" in page.locator("main").inner_text()
    assert "samedi" in page.locator("main").inner_text().lower()


def test_phone_screenshots(live_server: Any, browser_page: Any) -> None:
    _points()
    page = browser_page
    page.set_viewport_size({"width": 375, "height": 800})

    page.goto(f"{live_server.url}/kaart/")
    page.wait_for_selector('#find-map[data-loaded="3"]')
    width = page.evaluate("document.documentElement.scrollWidth")
    _screenshot(page, "map-375")
    page.goto(f"{live_server.url}/verkooppunt/melkautomaat-het-veld/")
    page.wait_for_selector("#point-map .leaflet-marker-icon")
    point_width = page.evaluate("document.documentElement.scrollWidth")
    _screenshot(page, "point-375")

    assert width <= 375
    assert point_width <= 375
