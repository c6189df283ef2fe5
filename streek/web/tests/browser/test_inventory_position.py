"""The officers' edit page in a real browser: dragging the marker saves the exact position; the address button locates."""

from typing import Any

import pytest

from streek.accounts.tests.factories import OfficerFactory
from streek.catalog.tests.factories import SalesPointFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _log_in(page: Any, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "streek-test")
    page.locator("main button[type=submit]").click()
    page.wait_for_url("**/mijn/")


def test_dragging_the_marker_saves_an_exact_position(live_server: Any, browser_page: Any) -> None:
    # given an officer on the edit page of a point with an approximate position
    officer = OfficerFactory(user__username="ambtenaar").user
    point = SalesPointFactory(name="Hoeve Bos", lat=50.8168, lon=5.1865, position_exact=False)
    page = browser_page
    _log_in(page, live_server.url, officer.username)
    page.goto(f"{live_server.url}/beheer/punt/{point.pk}/bewerken/")
    page.locator("#location-map").scroll_into_view_if_needed()
    marker = page.locator("#location-map .leaflet-marker-icon")
    box = marker.bounding_box()
    assert box is not None

    # when the marker is dragged and the form saved
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 3
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 60, y - 40, steps=10)
    page.mouse.up()
    assert page.input_value("input[name=position_exact]") == "1"
    dragged_lat = float(page.input_value("input[name=lat]"))
    dragged_lon = float(page.input_value("input[name=lon]"))
    page.locator("form[novalidate] button[type=submit]").click()
    page.wait_for_url("**/beheer/71053/")

    # then the new position is stored as exact, north-east of the old one
    point.refresh_from_db()
    assert point.position_exact is True
    assert (point.lat, point.lon) == (pytest.approx(dragged_lat), pytest.approx(dragged_lon))
    assert point.lat > 50.8168 and point.lon > 5.1865


def test_locate_from_address_puts_the_marker_on_the_postal_code(live_server: Any, browser_page: Any) -> None:
    officer = OfficerFactory(user__username="ambtenaar").user
    point = SalesPointFactory(lat=50.9, lon=5.3, position_exact=True, postal_code="3800")
    page = browser_page
    _log_in(page, live_server.url, officer.username)
    page.goto(f"{live_server.url}/beheer/punt/{point.pk}/bewerken/")

    page.locator("#locate-button").click()
    page.wait_for_function("document.querySelector('input[name=position_exact]').value === '0'")

    assert float(page.input_value("input[name=lat]")) == pytest.approx(50.8168, abs=0.01)
