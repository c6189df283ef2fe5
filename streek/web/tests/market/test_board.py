from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from streek.catalog.tests.factories import concept
from streek.market.choices import PostStatus
from streek.market.tests.factories import OfferFactory, RequestFactory

from .helpers import client_for

pytestmark = pytest.mark.django_db


def test_board_lists_active_offers_and_requests_with_a_map() -> None:
    # given
    OfferFactory(title="Veldoverschot prei", is_surplus=True)
    RequestFactory(title="Gezocht: appels")
    OfferFactory(title="Ingetrokken", status=PostStatus.WITHDRAWN)
    # when
    response = client_for().get(reverse("web:market_board"))
    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert "Veldoverschot prei" in content and "Gezocht: appels" in content
    assert "Ingetrokken" not in content
    assert 'id="map-config"' in content and 'data-streek-map="points"' in content


def test_board_filters_on_kind_search_surplus_product_and_label() -> None:
    # given
    organic = OfferFactory(title="Bio wortelen", is_surplus=True)
    organic.labels.set([concept("facet", "Organic-EU")])
    OfferFactory(title="Gewone wortelen")
    RequestFactory(title="Gezocht: wortelen")
    client = client_for()
    # when
    surplus = client.get(reverse("web:market_board"), {"surplus": "on"}).content.decode()
    labelled = client.get(reverse("web:market_board"), {"label": "Organic-EU", "kind": "offer"}).content.decode()
    requests = client.get(reverse("web:market_board"), {"kind": "request", "product_type": "carrot"}).content.decode()
    searched = client.get(reverse("web:market_board"), {"q": "gewone"}).content.decode()
    # then
    assert "Bio wortelen" in surplus and "Gewone wortelen" not in surplus and "Gezocht: wortelen" not in surplus
    assert "Bio wortelen" in labelled and "Gewone wortelen" not in labelled
    assert "Gezocht: wortelen" in requests and "Bio wortelen" not in requests
    assert "Gewone wortelen" in searched and "Bio wortelen" not in searched


def test_board_filters_on_distance_from_a_postal_code() -> None:
    # given: one offer in Sint-Truiden, one in Oostende
    OfferFactory(title="Dichtbij")
    OfferFactory(title="Veraf", lat=51.2154, lon=2.9286)
    # when
    response = client_for().get(reverse("web:market_board"), {"postal_code": "3800", "radius": "25"})
    # then
    content = response.content.decode()
    assert "Dichtbij" in content and "Veraf" not in content


def test_board_says_when_the_postal_code_is_unknown() -> None:
    response = client_for().get(reverse("web:market_board"), {"postal_code": "0000"})
    assert response.status_code == 200
    assert "is unknown" in response.content.decode()


def test_board_is_paginated() -> None:
    # given
    OfferFactory.create_batch(25)
    # when
    first = client_for().get(reverse("web:market_board"), {"kind": "offer"})
    second = client_for().get(reverse("web:market_board"), {"kind": "offer", "page": "2"})
    # then
    assert len(first.context["offers"].object_list) == 20
    assert len(second.context["offers"].object_list) == 5


def test_board_query_count_is_constant(django_assert_num_queries: Any) -> None:
    # given
    client = client_for()
    url = reverse("web:market_board")
    OfferFactory.create_batch(2)
    RequestFactory.create_batch(2)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    few = len(context.captured_queries)
    OfferFactory.create_batch(6)
    RequestFactory.create_batch(6)
    # when / then
    with django_assert_num_queries(few):
        client.get(url)


def test_detail_shows_an_active_offer_and_hides_a_withdrawn_one_from_outsiders() -> None:
    # given
    active = OfferFactory(title="Prei", packaging="kisten van 10 kg", spec=["washed"])
    withdrawn = OfferFactory(status=PostStatus.WITHDRAWN)
    request = RequestFactory(title="Gezocht: prei")
    client = client_for()
    # when
    shown = client.get(reverse("web:market_offer", args=[active.pk]))
    hidden = client.get(reverse("web:market_offer", args=[withdrawn.pk]))
    wanted = client.get(reverse("web:market_request", args=[request.pk]))
    # then
    assert shown.status_code == 200 and "kisten van 10 kg" in shown.content.decode()
    assert "Washed" in shown.content.decode()
    assert hidden.status_code == 404
    assert wanted.status_code == 200 and "Gezocht: prei" in wanted.content.decode()


def test_board_says_when_the_region_is_unknown() -> None:
    OfferFactory(title="Prei")
    response = client_for().get(reverse("web:market_board"), {"region": "nergens"})
    assert response.status_code == 200
    assert "is unknown" in response.content.decode() and "Prei" in response.content.decode()


def test_board_filters_on_the_municipality() -> None:
    # given
    here = OfferFactory(title="Hier")
    OfferFactory(title="Elders")
    here.municipality = here.organisation.municipality
    here.save()
    # when
    response = client_for().get(reverse("web:market_board"), {"municipality": here.municipality.code})
    # then
    content = response.content.decode()
    assert "Hier" in content and "Elders" not in content
