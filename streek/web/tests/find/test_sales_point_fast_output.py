"""The fast paths of the sales point page and answer (one compiled query, flags that skip empty lookups, fixed
layout parts rendered once per language) give the same bytes as the plain ORM and template path."""

import re
from datetime import time, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from streek.catalog.models import Concept, SalesPoint
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

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=|"X-CSRFToken": )"[^"]*"')


def _plain_point_get(*, slug: str, public: bool = True) -> SalesPoint:
    """The point as the ORM gives it, with every flag on (so the page asks for everything)."""
    point = (
        SalesPoint.objects.select_related("municipality", "municipality__province", "operator")
        .prefetch_related(
            "opening_rules",
            "closures",
            Prefetch("categories", queryset=Concept.objects.order_by("scheme", "path")),
            Prefetch("labels", queryset=Concept.objects.order_by("scheme", "path")),
        )
        .get(slug=slug)
    )
    point.may_have_events = point.operator_has_labels = point.operator_has_products = True  # type: ignore[attr-defined]
    return point


def _points() -> list[SalesPoint]:
    today = timezone.localdate()
    bare = SalesPointFactory(name="Automaat Zonder Meer")
    hours = SalesPointFactory(name="Hoevewinkel De Linde", payment_methods=["cash", "payconiq"], cooled=True)
    OpeningRuleFactory(sales_point=hours, weekday=5, opens=time(9), closes=time(12))
    OpeningRuleFactory(sales_point=hours, weekday=5, opens=time(14), closes=time(18))
    OpeningRuleFactory(sales_point=hours, weekday=2, opens=time(14), closes=time(18), season_start=501, season_end=930)
    ClosurePeriodFactory(sales_point=hours, start_date=today + timedelta(days=2), end_date=today + timedelta(days=4))
    hours.categories.add(concept("product_type", "vegetable"), concept("product_type", "fruit"))
    hours.labels.add(concept("facet", "Organic-EU"))
    farm = OrganisationFactory(name="Hoeve Het Veld")
    run = SalesPointFactory(name="Kaasmakerij Het Veld", operator=farm, status="temporarily_closed")
    ProductFactory(organisation=farm, name_nl="Prei", season_months=0b111000000111)
    OrganisationLabelFactory(organisation=farm)
    EventFactory(sales_point=run, title_nl="Opendeurdag")
    quiet = SalesPointFactory(name="Marktkraam", operator=OrganisationFactory())
    return [bare, hours, run, quiet]


@pytest.mark.parametrize("language", ["nl", "fr", "en"])
def test_web_page_and_api_answer_equal_the_plain_path(client: Client, language: str, monkeypatch: Any) -> None:
    points = _points()
    pages = [reverse("web:sales_point_detail", args=[p.slug]) for p in points]
    answers = [reverse("api-1:sales_point_detail", kwargs={"slug": p.slug}) for p in points]

    def fetch() -> list[str]:
        return [
            CSRF.sub("", client.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()) for path in pages + answers
        ]

    fast, fast_again = fetch(), fetch()
    monkeypatch.setattr("streek.web.find.views.sales_points.sales_point_get", _plain_point_get)
    monkeypatch.setattr("streek.api.sales_points.sales_point_get", _plain_point_get)
    monkeypatch.setattr("streek.web.templatetags.fragments.LanguageCacheNode.render", _render_without_cache)
    plain = fetch()

    assert fast == plain
    assert fast_again == plain
    assert "Opendeurdag" in fast[2] and "Prei" in fast[2]


def _render_without_cache(self: Any, context: Any) -> str:
    return str(self.nodelist.render(context))


def test_a_point_without_events_or_operator_takes_one_query_on_postgresql(
    client: Client, django_assert_num_queries: Any
) -> None:
    point = SalesPointFactory(operator=OrganisationFactory())
    OpeningRuleFactory(sales_point=point)
    expected = 1 if connection.vendor == "postgresql" else 4
    path = reverse("web:sales_point_detail", args=[point.slug])
    client.get(path)

    with django_assert_num_queries(expected):
        response = client.get(path)

    assert response.status_code == 200
