from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, concept
from streek.market.matching.context import matching_context
from streek.market.matching.engine import match_post, match_saved_post
from streek.market.models import Match
from streek.market.services.posts import offer_create, request_create
from streek.market.tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def _rows() -> set[tuple[Any, ...]]:
    return {
        (m.offer_id, m.request_id, m.score, m.distance_km, tuple(sorted((k, str(v)) for k, v in m.breakdown.items())))
        for m in Match.objects.all()
    }


def _counterparts() -> None:
    today = timezone.localdate()
    for n in range(8):
        RequestFactory(
            lat=50.8168 + n * 0.03,
            max_distance_km=20 + 10 * n,
            quantity=Decimal(20 * n + 5),
            needs_delivery=n % 2 == 0,
            spec=["washed"] if n % 3 == 0 else [],
            ends_on=today + timedelta(days=10 * n + 5),
            product_type=concept("product_type", "vegetable" if n % 2 else "carrot"),
        )
        OfferFactory(lat=50.8168 - n * 0.03, quantity=Decimal(10 * n + 1), delivery_possible=n % 2 == 1)


@override_settings(STREEK_MATCH_TOP_K=3)
@pytest.mark.parametrize("kind", ["offer", "request"])
def test_a_post_matched_from_the_instance_gets_the_same_matches_as_from_the_database(kind: str) -> None:
    # given counterparts with scores spread out, some already with matches of their own
    _counterparts()
    organic = concept("facet", "Organic-EU")
    for other in (RequestFactory if kind == "offer" else OfferFactory)._meta.model.objects.all()[:3]:
        match_post(kind="request" if kind == "offer" else "offer", post_id=other.pk)
    factory = OfferFactory if kind == "offer" else RequestFactory
    post = factory(organisation=OrganisationFactory(), spec=["washed"], quantity=Decimal("60"))
    post.labels.set([organic])
    before = _rows()

    # when matched from the stored row
    match_post(kind=kind, post_id=post.pk)
    from_database = _rows()
    Match.objects.filter(**{kind: post}).delete()
    assert _rows() == before
    # and from the instance in hand, as the services do
    match_saved_post(kind=kind, post=post, label_ids=[organic.pk], created=True)

    # then: the same pairs, scores and breakdowns
    assert _rows() == from_database
    assert len(from_database - before) > 0


def test_posting_an_offer_takes_a_handful_of_queries(django_assert_max_num_queries: Any) -> None:
    # given requests nearby and a producer
    _counterparts()
    organisation = OrganisationFactory(kind=OrganisationKind.PRODUCER)
    matching_context()  # built once per process and taxonomy change

    # when: the savepoint of the test's transaction and its release, the concept check, the insert, labels,
    # candidates with their labels (two queries on SQLite), the counterparts' best K, the new matches, the
    # webhook listeners; the validation needs none of its own
    with django_assert_max_num_queries(10):
        offer = offer_create(
            organisation=organisation,
            actor=None,
            product_type="carrot",
            unit="Kilogram",
            label_keys=["Organic-EU"],
            title="Wortelen",
            quantity=Decimal("50"),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=30),
        )

    # then
    assert Match.objects.filter(offer=offer).exists()
    assert offer.matched_at is not None
    assert [label.key for label in offer.labels.all()] == ["Organic-EU"]


def test_posting_a_request_is_matched_at_once(django_assert_max_num_queries: Any) -> None:
    _counterparts()
    organisation = OrganisationFactory(kind=OrganisationKind.SCHOOL)
    matching_context()  # built once per process and taxonomy change

    # when: as for an offer, without labels
    with django_assert_max_num_queries(9):
        request = request_create(
            organisation=organisation,
            actor=None,
            product_type="vegetable",
            unit="Kilogram",
            title="Groenten",
            quantity=Decimal("10"),
            starts_on=timezone.localdate(),
            ends_on=timezone.localdate() + timedelta(days=30),
            max_distance_km=50,
        )

    assert Match.objects.filter(request=request).exists()
