from datetime import timedelta
from decimal import Decimal

import numpy as np
import pytest
from django.utils import timezone

from streek.catalog.tests.factories import concept
from streek.market.choices import Recurrence
from streek.market.matching.context import matching_context
from streek.market.matching.scoring import breakdown, haversine_km, score_pairs, total_scores
from streek.market.matching.tables import load_table
from streek.market.models import Offer, Request
from streek.market.tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def _breakdown(offer: Offer, request: Request) -> dict:
    context = matching_context()
    o = load_table("offer", Offer.objects.filter(pk=offer.pk), context)
    r = load_table("request", Request.objects.filter(pk=request.pk), context)
    ps = score_pairs(context, o, r, np.array([0]), np.array([0]))
    result = breakdown(context, o, r, ps, 0)
    result["total"] = float(ps.total[0])
    return result


def test_an_identical_pair_scores_one_on_every_criterion() -> None:
    # given
    offer, request = OfferFactory(), RequestFactory()

    # when
    result = _breakdown(offer, request)

    # then
    assert result["total"] == 1.0
    assert result["product"] == [1.0, 3, "exact"]
    assert result["quantity"] == [1.0, 2, "covers", {"percent": 100}]
    assert result["distance"] == [1.0, 2, "within", {"km": 0.0, "max_km": 50}]
    assert result["delivery"] == [1.0, 1, "buyer_collects"]


def test_an_offer_of_a_narrower_type_fits_better_than_one_of_a_broader_type() -> None:
    apples = RequestFactory(product_type=concept("product_type", "apples"))
    fruit_request = RequestFactory(product_type=concept("product_type", "fruit"))
    apples_offer = OfferFactory(product_type=concept("product_type", "apples"))
    fruit_offer = OfferFactory(product_type=concept("product_type", "fruit"))

    narrower = _breakdown(apples_offer, fruit_request)["product"]
    broader = _breakdown(fruit_offer, apples)["product"]

    assert narrower == [0.9, 3, "narrower"]
    assert broader == [0.6, 3, "broader"]


def test_weekly_quantities_are_compared_per_week_and_units_normalised() -> None:
    # given 50 kg a week offered, 0.2 t a week asked: a quarter
    offer = OfferFactory(quantity=Decimal("50"), recurrence=Recurrence.WEEKLY)
    request = RequestFactory(quantity=Decimal("0.2"), unit=concept("measure", "Tonne"), recurrence=Recurrence.WEEKLY)

    result = _breakdown(offer, request)

    assert result["quantity"] == [0.25, 2, "partial", {"percent": 25}]


def test_a_weekly_offer_covers_a_one_off_request_over_the_common_period() -> None:
    # 100 kg a week over 61 days (8.7 weeks) against 500 kg once
    offer = OfferFactory(quantity=Decimal("100"), recurrence=Recurrence.WEEKLY)
    request = RequestFactory(quantity=Decimal("500"))

    assert _breakdown(offer, request)["quantity"][2] == "covers"


def test_units_that_cannot_be_compared_are_said_so() -> None:
    offer = OfferFactory(unit=concept("measure", "Crate"))
    request = RequestFactory()

    result = _breakdown(offer, request)

    assert result["quantity"] == [0.5, 2, "units_differ", {"offer_unit": "Crate", "request_unit": "Kilogram"}]


def test_a_narrower_label_satisfies_a_broader_required_one_and_missing_ones_are_named() -> None:
    offer = OfferFactory()
    offer.labels.set([concept("facet", "Organic-EU")])
    request = RequestFactory()
    request.labels.set([concept("facet", "OrganicLabel"), concept("facet", "Demeter")])

    result = _breakdown(offer, request)

    assert result["labels"] == [0.5, 1, "partial", {"missing": ["Demeter"]}]


def test_preparation_and_delivery_are_explained() -> None:
    offer = OfferFactory(spec=["washed"], delivery_possible=True, delivery_radius_km=5, lat=50.9)
    request = RequestFactory(spec=["washed", "cut"], needs_delivery=True)

    result = _breakdown(offer, request)

    assert result["spec"] == [0.5, 1, "partial", {"missing": ["cut"]}]
    assert result["delivery"] == [0.3, 1, "beyond_radius", {"radius_km": 5}]


def test_period_overlap_is_the_share_of_the_requested_period() -> None:
    today = timezone.localdate()
    offer = OfferFactory(starts_on=today, ends_on=today + timedelta(days=9))
    request = RequestFactory(starts_on=today, ends_on=today + timedelta(days=19))

    assert _breakdown(offer, request)["period"] == [0.5, 2, "partial", {"days": 10, "percent": 50}]


def test_the_lean_total_equals_the_full_scoring_on_random_pairs() -> None:
    # given a mix of posts
    rng = np.random.default_rng(3)
    types = ["carrot", "vegetable", "apples", "fruit", "potato"]
    units = ["Kilogram", "Gram", "Tonne", "Piece", "Crate"]
    today = timezone.localdate()
    for n in range(12):
        OfferFactory(
            product_type=concept("product_type", types[n % 5]),
            unit=concept("measure", units[n % 5]),
            quantity=Decimal(int(rng.integers(1, 500))),
            recurrence=[Recurrence.ONCE, Recurrence.WEEKLY, Recurrence.MONTHLY][n % 3],
            lat=50.8 + rng.random() / 5,
            spec=["washed"] if n % 2 else [],
            delivery_possible=bool(n % 3),
            starts_on=today + timedelta(days=int(rng.integers(0, 30))),
        )
        RequestFactory(
            product_type=concept("product_type", types[(n + 1) % 5]),
            unit=concept("measure", units[(n + 2) % 5]),
            quantity=Decimal(int(rng.integers(1, 500))),
            recurrence=[Recurrence.ONCE, Recurrence.FORTNIGHTLY][n % 2],
            lon=5.1 + rng.random() / 5,
            spec=["washed", "cut"] if n % 3 else [],
            needs_delivery=bool(n % 2),
        )
    context = matching_context()
    o = load_table("offer", Offer.objects.all(), context)
    r = load_table("request", Request.objects.all(), context)
    grid_o, grid_r = np.meshgrid(np.arange(len(o)), np.arange(len(r)))
    oi, ri = grid_o.ravel(), grid_r.ravel()
    distance = haversine_km(o.lat[oi], o.lon[oi], r.lat[ri], r.lon[ri])

    # when
    full = score_pairs(context, o, r, oi, ri, distance).total
    lean = total_scores(context, o, r, oi, ri, distance)

    # then
    assert np.array_equal(full, lean)
