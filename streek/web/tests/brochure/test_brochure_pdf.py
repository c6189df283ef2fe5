import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from streek.catalog.models import Concept
from streek.catalog.tests.factories import OpeningRuleFactory, SalesPointFactory, municipality
from streek.web.brochure.pdf import LocalOnlyURLFetcher, html_to_pdf

pytestmark = pytest.mark.django_db

URL = reverse("web:brochure_pdf")


def _points(count: int) -> None:
    egg = Concept.objects.get(scheme="product_type", key="egg")
    for n in range(count):
        code = "71053" if n % 2 else "71024"
        place = municipality(code)
        point = SalesPointFactory(
            name=f"Hoeve Brochure {n}",
            municipality=place,
            lat=(place.lat or 0) + n * 0.001,
            lon=(place.lon or 0) - n * 0.001,
            type="farm_shop" if n % 3 else "vending_machine",
        )
        point.categories.add(egg)
        OpeningRuleFactory(sales_point=point, weekday=n % 7)


def test_pdf_of_two_municipalities_has_cover_map_points_and_qr_codes() -> None:
    # given
    _points(30)

    # when
    response = Client().get(URL, {"municipality": ["71053", "71024"], "language": "nl"})

    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) >= 2
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Hoeve Brochure 7" in text
    assert "Sint-Truiden" in text


def test_html_has_the_map_and_a_qr_code_per_point(settings) -> None:
    settings.STREEK_PUBLIC_URL = "https://streek.example"
    _points(4)

    response = Client().get(URL, {"municipality": ["71053", "71024"], "language": "fr", "format": "html"})

    html = response.content.decode()
    assert html.count('class="segno"') == 4
    assert html.count('class="dot"') == 4
    assert 'lang="fr"' in html
    assert "Saint-Trond" in html  # municipality names follow the language of the brochure


def test_a_region_can_be_chosen() -> None:
    _points(3)

    response = Client().get(URL, {"region": "70000", "language": "en", "format": "html"})

    assert response.status_code == 200
    assert "Hoeve Brochure 2" in response.content.decode()


def test_nothing_chosen_or_unknown_area_shows_the_form_again() -> None:
    client = Client()

    assert client.get(URL, {"language": "nl"}).status_code == 400
    assert client.get(URL, {"municipality": "00000", "language": "nl"}).status_code == 400
    assert client.get(URL, {"region": "nergens", "language": "nl"}).status_code == 400


def test_form_page_lists_municipalities_with_points() -> None:
    _points(2)

    response = Client().get(reverse("web:brochure_form"))

    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="71053"' in html
    assert 'value="21004"' not in html


def test_no_resource_is_fetched_from_the_network() -> None:
    fetcher = LocalOnlyURLFetcher()

    with pytest.raises(ValueError):
        fetcher.fetch("https://tile.openstreetmap.org/1/1/1.png")
    pdf = html_to_pdf(
        '<p>Hallo</p><img src="http://192.0.2.1/x.png"><link rel="stylesheet" href="https://x.test/a.css">'
    )
    assert pdf.startswith(b"%PDF")


def test_too_many_points_for_one_brochure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("streek.catalog.brochure.MAX_POINTS", 2)
    _points(3)

    response = Client().get(URL, {"municipality": ["71053", "71024"], "language": "nl"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
