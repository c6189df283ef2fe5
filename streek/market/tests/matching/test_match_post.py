from datetime import timedelta

import numpy as np
import pytest
from django.test import override_settings
from django.utils import timezone

from streek.catalog.tests.factories import OrganisationFactory, concept
from streek.market.choices import MatchStatus, PostStatus
from streek.market.matching.engine import _entering, _own_scores, match_post
from streek.market.matching.store import load_existing
from streek.market.models import Match
from streek.market.tests.factories import MatchFactory, OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_a_new_offer_is_matched_with_the_requests_of_its_product_family_within_reach() -> None:
    # given
    offer = OfferFactory(product_type=concept("product_type", "carrot"))
    fits = RequestFactory(product_type=concept("product_type", "carrot"))
    broader = RequestFactory(product_type=concept("product_type", "vegetable"))
    RequestFactory(product_type=concept("product_type", "apples"))  # another family
    RequestFactory(lat=51.9, lon=4.5, max_distance_km=50)  # Rotterdam: too far
    RequestFactory(organisation=offer.organisation)  # its own organisation
    later = timezone.localdate() + timedelta(days=100)
    RequestFactory(starts_on=later, ends_on=later + timedelta(days=10))  # no common period
    RequestFactory(status=PostStatus.EXPIRED)

    # when
    result = match_post(kind="offer", post_id=offer.pk)

    # then
    assert result.inserted == 2
    assert set(Match.objects.values_list("request_id", flat=True)) == {fits.pk, broader.pk}
    assert Match.objects.get(request=fits).score > Match.objects.get(request=broader).score


def test_a_request_far_away_is_matched_when_its_own_distance_reaches() -> None:
    offer = OfferFactory()
    far = RequestFactory(lat=51.05, lon=3.72, max_distance_km=120)  # Gent, about 100 km

    match_post(kind="offer", post_id=offer.pk)

    assert Match.objects.filter(request=far).exists()


@override_settings(STREEK_MATCH_TOP_K=2)
def test_a_post_keeps_its_best_k_and_counterparts_keep_it_when_it_enters_theirs() -> None:
    # given three requests and an offer
    requests = [RequestFactory(lat=50.8168 + n * 0.05) for n in range(3)]
    offer = OfferFactory()

    # when
    match_post(kind="offer", post_id=offer.pk)

    # then every request lacked matches, so the offer enters each one's best 2
    assert Match.objects.filter(offer=offer).count() == 3
    # and a request with two better matches already does not keep a worse one
    nearer = [OfferFactory(lat=requests[2].lat) for _ in range(2)]
    for other in nearer:
        match_post(kind="offer", post_id=other.pk)
    worse = OfferFactory(lat=50.6)
    match_post(kind="offer", post_id=worse.pk)
    assert not Match.objects.filter(offer=worse, request=requests[2]).exists()


def test_rematching_a_changed_post_updates_scores_and_drops_pairs_that_no_longer_fit() -> None:
    offer = OfferFactory()
    request = RequestFactory()
    match_post(kind="offer", post_id=offer.pk)
    first = Match.objects.get()

    offer.product_type = concept("product_type", "apples")
    offer.save()
    result = match_post(kind="offer", post_id=offer.pk)

    assert result.deleted == 1
    assert not Match.objects.filter(pk=first.pk).exists()
    assert request.matches.count() == 0


def test_matches_someone_acted_on_stay_when_the_pair_no_longer_fits() -> None:
    contacted = MatchFactory(status=MatchStatus.CONTACTED)
    contacted.offer.product_type = concept("product_type", "apples")
    contacted.offer.save()

    match_post(kind="offer", post_id=contacted.offer_id)

    assert Match.objects.filter(pk=contacted.pk, status=MatchStatus.CONTACTED).exists()


def test_an_unchanged_pair_keeps_its_row_and_creation_time() -> None:
    offer = OfferFactory()
    RequestFactory()
    match_post(kind="offer", post_id=offer.pk)
    before = Match.objects.get()

    result = match_post(kind="offer", post_id=offer.pk)

    assert (result.inserted, result.updated, result.unchanged) == (0, 0, 1)
    assert Match.objects.get().created_at == before.created_at


def test_a_withdrawn_post_loses_its_new_matches() -> None:
    offer = OfferFactory()
    RequestFactory()
    match_post(kind="offer", post_id=offer.pk)
    offer.status = PostStatus.WITHDRAWN
    offer.save()

    result = match_post(kind="offer", post_id=offer.pk)

    assert result.deleted == 1
    assert Match.objects.count() == 0


def test_a_new_request_is_matched_with_offers_within_its_distance() -> None:
    near = OfferFactory(lat=50.85)
    OfferFactory(lat=51.5)  # 75 km north
    other_org = OrganisationFactory()
    request = RequestFactory(organisation=other_org, max_distance_km=20)

    match_post(kind="request", post_id=request.pk)

    assert list(Match.objects.values_list("offer_id", flat=True)) == [near.pk]


@pytest.mark.parametrize("side", ["offer", "request"])
def test_a_post_enters_a_counterparts_best_k_only_past_its_other_matches_not_its_own(side: str) -> None:
    # given a post with a stored match on some counterparts, and those counterparts' other matches (best 2 kept)
    post = (OfferFactory if side == "offer" else RequestFactory)()
    other_factory = RequestFactory if side == "offer" else OfferFactory
    third_factory = OfferFactory if side == "offer" else RequestFactory
    own_column, other_column = ("offer", "request") if side == "offer" else ("request", "offer")
    cases = {
        # name: (scores of the counterpart's other matches, the post's own stored score or None, new score, enters)
        "two better others": ([0.9, 0.8], None, 0.5, False),
        "one better other and its own better match": ([0.9], 0.95, 0.5, True),
        "one better other, one worse, its own worse": ([0.9, 0.4], 0.3, 0.5, True),
        "no match at all": ([], None, 0.1, True),
        "two others as good, its own between": ([0.6, 0.7], 0.65, 0.6, False),
    }
    counterparts = {}
    for name, (others, own, _score, _enters) in cases.items():
        counterpart = other_factory()
        counterparts[name] = counterpart
        for score in others:
            MatchFactory(**{other_column: counterpart, own_column: third_factory()}, score=score)
        if own is not None:
            MatchFactory(**{other_column: counterpart, own_column: post}, score=own)
    ids = np.array([counterparts[name].pk for name in cases], dtype=np.int64)
    scores = np.array([case[2] for case in cases.values()])
    existing = load_existing({f"{own_column}_id": post.pk})

    # when the engine asks which best K the post enters with its new scores
    own_scores = _own_scores(side, post.pk, ids, existing)
    entering = _entering(f"{other_column}_id", f"{own_column}_id", post.pk, ids, scores, own_scores, 2)

    # then: its own stored match never counts as one of the others
    assert own_scores.tolist() == [-1.0 if case[1] is None else case[1] for case in cases.values()]
    assert dict(zip(cases, entering.tolist(), strict=True)) == {name: case[3] for name, case in cases.items()}
