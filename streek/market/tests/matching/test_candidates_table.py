from datetime import timedelta

import numpy as np
import pytest
from django.utils import timezone

from streek.catalog.tests.factories import OrganisationFactory, concept
from streek.core.geo import Point, bbox_around
from streek.market.choices import PostStatus
from streek.market.matching.context import matching_context
from streek.market.matching.engine import OFFER, REQUEST, _other_side
from streek.market.matching.tables import ARRAY_FIELDS, build_table, candidates_table, load_table, post_row
from streek.market.models import Offer, Request
from streek.market.tests.factories import OfferFactory, RequestFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]


def _assert_same(left, right) -> None:  # type: ignore[no-untyped-def]
    order_l, order_r = np.argsort(left.ids), np.argsort(right.ids)
    for name in ARRAY_FIELDS:
        np.testing.assert_array_equal(getattr(left, name)[order_l], getattr(right, name)[order_r], err_msg=name)


def _varied_posts() -> None:
    today = timezone.localdate()
    organic, local = concept("facet", "Organic-EU"), concept("facet", "LocalLabel")
    for n in range(6):
        offer = OfferFactory(
            lat=50.8168 + n * 0.01,
            ends_on=None if n % 2 else today + timedelta(days=10 + n),
            delivery_possible=n % 3 == 0,
            delivery_radius_km=None if n % 2 else 20 + n,
            spec=["washed"] if n % 2 else [],
            quantity=f"{n + 1}.125",
            product_type=concept("product_type", "carrot" if n % 2 else "vegetable"),
        )
        if n % 2:
            offer.labels.set([organic, local])
        request = RequestFactory(
            lat=50.8168 - n * 0.01,
            ends_on=None if n % 2 == 0 else today + timedelta(days=5 + n),
            needs_delivery=n % 2 == 0,
            max_distance_km=10 + 20 * n,
            spec=["washed", "cut"] if n % 2 else [],
        )
        if n % 3 == 0:
            request.labels.set([organic])


def test_the_written_out_candidate_query_reads_the_same_table_as_the_orm() -> None:
    # given posts with open and closed periods, radius or none, preparations and labels
    _varied_posts()
    context = matching_context()
    everything = bbox_around(Point(50.8168, 5.1865), 300)
    types = [concept("product_type", key).pk for key in ("carrot", "vegetable")]

    for kind, model in ((OFFER, Offer), (REQUEST, Request)):
        # when both read all active posts of those types
        written = candidates_table(
            kind,
            context,
            type_ids=types,
            start=timezone.localdate(),
            end=timezone.localdate() + timedelta(days=400),
            organisation_id=0,
            box=everything,
        )
        orm = load_table(kind, model.objects.filter(status=PostStatus.ACTIVE), context)

        # then
        assert len(written) == 6
        _assert_same(written, orm)


def test_a_post_in_hand_reads_as_the_same_row_as_from_the_database() -> None:
    _varied_posts()
    context = matching_context()
    for kind, model in ((OFFER, Offer), (REQUEST, Request)):
        for post in model.objects.all():
            labels = list(post.labels.values_list("id", flat=True))
            in_hand = build_table(kind, [post_row(kind, post)], {post.pk: labels} if labels else {}, context)
            stored = load_table(kind, model.objects.filter(pk=post.pk), context)
            _assert_same(in_hand, stored)


def test_the_other_side_of_a_new_offer_is_the_requests_that_reach_it() -> None:
    # given requests near and far, one far away but reaching
    offer = OfferFactory(organisation=OrganisationFactory())
    near = RequestFactory(max_distance_km=10)
    RequestFactory(lat=51.9, lon=4.5, max_distance_km=50)  # Rotterdam: does not reach
    reaching = RequestFactory(lat=51.05, lon=3.72, max_distance_km=150)  # Gent: reaches
    context = matching_context()
    me = load_table(OFFER, Offer.objects.filter(pk=offer.pk), context)

    # when
    other = _other_side(context, OFFER, me, offer.pk)

    # then
    assert set(other.ids.tolist()) == {near.pk, reaching.pk}
