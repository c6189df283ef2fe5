from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, concept
from streek.core.geo import Point
from streek.market.choices import PostStatus
from streek.market.selectors.board import BoardFilters, board_map_posts, offer_list, own_posts, request_list
from streek.market.tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def _ids(qs) -> list[int]:  # type: ignore[no-untyped-def]
    return [post.pk for post in qs]


def test_the_board_filters_on_text_type_with_narrower_types_labels_and_surplus() -> None:
    # given
    carrots = OfferFactory(title="Bospeen", product_type=concept("product_type", "carrot"))
    carrots.labels.set([concept("facet", "Organic-EU")])
    apples = OfferFactory(title="Jonagold", product_type=concept("product_type", "apples"), is_surplus=True)
    OfferFactory(status=PostStatus.EXPIRED)

    # then
    assert _ids(offer_list(filters=BoardFilters(search="bospeen"))) == [carrots.pk]
    assert _ids(offer_list(filters=BoardFilters(product_types=("vegetable",)))) == [carrots.pk]
    assert _ids(offer_list(filters=BoardFilters(labels=("OrganicLabel",)))) == [carrots.pk]
    assert _ids(offer_list(filters=BoardFilters(surplus_only=True))) == [apples.pk]
    assert _ids(offer_list()) == [apples.pk, carrots.pk]  # surplus first


def test_the_board_filters_on_place_and_organisation_kind() -> None:
    near = RequestFactory(lat=50.82, lon=5.19, organisation=OrganisationFactory(kind=OrganisationKind.SCHOOL))
    near.municipality = near.organisation.municipality
    near.save()
    far = RequestFactory(lat=51.05, lon=3.72, organisation=OrganisationFactory(kind=OrganisationKind.HORECA))

    around = request_list(filters=BoardFilters(near=Point(50.8168, 5.1865), radius_km=20))
    by_kind = request_list(filters=BoardFilters(organisation_kinds=(OrganisationKind.HORECA,)))

    assert _ids(around) == [near.pk]
    assert _ids(by_kind) == [far.pk]
    assert _ids(request_list(filters=BoardFilters(municipality="71053"))) == [near.pk]


def test_donation_only_shows_offers_with_something_left() -> None:
    open_offer = OfferFactory(donation_allowed=True, quantity=Decimal("10"), quantity_claimed=Decimal("4"))
    OfferFactory(donation_allowed=True, quantity=Decimal("10"), quantity_claimed=Decimal("10"))

    assert _ids(offer_list(filters=BoardFilters(donation_only=True))) == [open_offer.pk]


def test_a_board_page_takes_two_queries_whatever_the_number_of_posts() -> None:
    for _ in range(5):
        OfferFactory().labels.set([concept("facet", "Organic-EU")])

    with CaptureQueriesContext(connection) as queries:
        rows = list(offer_list())
        for row in rows:
            _ = (
                row.organisation.name,
                row.product_type.label,
                row.unit.label,
                [label.key for label in row.labels.all()],
            )

    assert len(rows) == 5
    assert len(queries) == 2


def test_map_rows_and_own_posts() -> None:
    offer = OfferFactory(is_surplus=True)
    request = RequestFactory()
    withdrawn = OfferFactory(organisation=offer.organisation, status=PostStatus.WITHDRAWN)

    points = board_map_posts()
    offers, requests = own_posts(organisation_id=offer.organisation_id)

    assert {(p.kind, p.id, p.is_surplus) for p in points} == {("offer", offer.pk, True), ("request", request.pk, False)}
    assert set(_ids(offers)) == {offer.pk, withdrawn.pk}
    assert _ids(requests) == []
