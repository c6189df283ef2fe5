from datetime import time, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from streek.catalog.choices import Accessibility
from streek.catalog.tests.factories import (
    ClosurePeriodFactory,
    EventFactory,
    OpeningRuleFactory,
    OrganisationFactory,
    OrganisationLabelFactory,
    ProductFactory,
    SalesPointFactory,
    concept,
)

pytestmark = pytest.mark.django_db


def url(slug: str) -> str:
    return reverse("web:sales_point_detail", args=[slug])


def test_shows_the_point_its_hours_products_and_labels(client: Client) -> None:
    farm = OrganisationFactory(name="Hoeve De Linde", slug="hoeve-de-linde")
    point = SalesPointFactory(
        name="Hoevewinkel De Linde",
        operator=farm,
        payment_methods=["cash", "payconiq"],
        accessibility=["wheelchair"],
        cooled=True,
        phone="011 12 34 56",
        website="https://delinde.example",
        last_verified_at=timezone.now(),
    )
    point.categories.add(concept("product_type", "vegetable"))
    OpeningRuleFactory(sales_point=point, weekday=5, opens=time(9), closes=time(12))
    OpeningRuleFactory(
        sales_point=point,
        weekday=2,
        opens=time(14),
        closes=time(18),
        season_start=501,
        season_end=930,
        season_name="Zomer",
    )
    today = timezone.localdate()
    ClosurePeriodFactory(
        sales_point=point, start_date=today + timedelta(days=5), end_date=today + timedelta(days=9), reason="Verlof"
    )
    ProductFactory(organisation=farm, name_nl="Prei", season_months=0b111000000111)
    OrganisationLabelFactory(organisation=farm, certificate_number="BE-BIO-01-12345")
    EventFactory(sales_point=point, title_nl="Opendeurdag", kind="open_farm_day")

    response = client.get(url(point.slug), HTTP_ACCEPT_LANGUAGE="nl")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Hoevewinkel De Linde" in html
    assert "09:00–12:00" in html
    assert "Zomer" in html
    assert "Verlof" in html
    assert "Prei" in html
    assert "BE-BIO-01-12345" in html
    assert "Opendeurdag" in html
    assert "Payconiq" in html
    with translation.override("nl"):
        assert str(Accessibility.WHEELCHAIR.label) in html
    assert "https://www.openstreetmap.org/directions?to=50.816800,5.186500" in html
    assert reverse("web:organisation_detail", args=["hoeve-de-linde"]) in html
    assert reverse("web:sales_point_report", args=[point.slug]) in html
    assert len(response.context["season"].rows[0].months) == 12


def test_temporarily_closed_and_demo_points_are_marked(client: Client) -> None:
    point = SalesPointFactory(status="temporarily_closed", is_demo=True)

    response = client.get(url(point.slug))

    html = response.content.decode()
    assert "Temporarily closed" in html
    assert 'class="demo-banner"' in html


@pytest.mark.parametrize("status", ["proposed", "closed", "rejected"])
def test_non_public_points_are_not_found(client: Client, status: str) -> None:
    point = SalesPointFactory(status=status)

    response = client.get(url(point.slug))

    assert response.status_code == 404


def _point_with(count: int) -> str:
    farm = OrganisationFactory()
    point = SalesPointFactory(operator=farm)
    for index in range(count):
        OpeningRuleFactory(sales_point=point, weekday=index % 7)
        ProductFactory(organisation=farm)
        EventFactory(sales_point=point)
        OrganisationLabelFactory(organisation=farm, facet=concept("facet", ["Organic-EU", "Demeter", "MSC"][index % 3]))
        point.categories.add(concept("product_type", ["vegetable", "fruit", "bakery"][index % 3]))
    return str(point.slug)


@pytest.mark.parametrize("count", [1, 3])
def test_query_count_is_constant(client: Client, django_assert_num_queries, count: int) -> None:  # type: ignore[no-untyped-def]
    slug = _point_with(count)
    # The point with its rules, closures, categories and labels: 1 query on PostgreSQL (JSON aggregates), 4 on
    # SQLite; then the operator's labels, its products and the events.
    expected = 4 if connection.vendor == "postgresql" else 7

    with django_assert_num_queries(expected):
        response = client.get(url(slug))

    assert response.status_code == 200
