from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from streek.catalog.choices import OrganisationKind
from streek.catalog.tests.factories import OrganisationFactory, concept
from streek.market.choices import MatchStatus, PostStatus
from streek.market.matching.engine import match_post
from streek.market.selectors.matches import (
    collaboration_list,
    match_count_new,
    match_explanation,
    match_explanations,
    match_list_for_offer,
    match_list_for_organisation,
    match_list_for_request,
)
from streek.market.tests.factories import MatchFactory, OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_an_offer_sees_its_requests_best_first_and_a_request_its_offers() -> None:
    offer = OfferFactory()
    near = RequestFactory()
    far = RequestFactory(lat=51.0)
    RequestFactory(lat=51.0, status=PostStatus.EXPIRED)
    match_post(kind="offer", post_id=offer.pk)

    ranked = list(match_list_for_offer(offer=offer))

    assert [m.request_id for m in ranked] == [near.pk, far.pk]
    assert [m.offer_id for m in match_list_for_request(request=near)] == [offer.pk]


def test_the_explanation_is_a_sentence_per_criterion_in_the_readers_language() -> None:
    offer = OfferFactory(product_type=concept("product_type", "apples"), lat=50.9)
    request = RequestFactory(product_type=concept("product_type", "fruit"), needs_delivery=True)
    request.labels.set([concept("facet", "Organic-EU")])
    match_post(kind="offer", post_id=offer.pk)
    match = match_list_for_offer(offer=offer)[0]

    with translation.override("en"):
        lines = {line.criterion: line for line in match_explanation(match)}

    assert lines["product"].text == "The offer (apples) is a kind of what is asked (fruit)."
    assert lines["product"].label == "Product"
    assert lines["distance"].text.startswith("9.3 km away, within the 50 km asked")
    assert lines["labels"].text == "Missing labels: EU Organic Farming."
    assert lines["delivery"].text == "Pickup only, while delivery is wanted."
    assert lines["delivery"].score == 0.0 and lines["product"].weight == 3


def test_explaining_a_page_of_matches_takes_at_most_one_query() -> None:
    for _ in range(3):
        offer = OfferFactory()
        RequestFactory().labels.set([concept("facet", "Demeter")])
        match_post(kind="offer", post_id=offer.pk)
    matches = list(match_list_for_organisation(organisation_id=offer.organisation_id))

    with CaptureQueriesContext(connection) as queries:
        explanations = match_explanations(matches)

    assert len(explanations) == len(matches) > 0
    assert len(queries) <= 1


def test_the_dashboard_lists_new_matches_of_the_organisation() -> None:
    match = MatchFactory()
    MatchFactory()  # another organisation's
    dismissed = MatchFactory(offer=match.offer, status=MatchStatus.DISMISSED)

    mine = list(match_list_for_organisation(organisation_id=match.offer.organisation_id))

    assert mine == [match]
    assert dismissed not in mine
    assert match_count_new(organisation_id=match.request.organisation_id) == 1
    assert match_count_new(organisation_id=match.request.organisation_id, since=timezone.now()) == 0


def test_collaborations_count_pairs_per_year_and_say_which_are_new() -> None:
    farm = OrganisationFactory(kind=OrganisationKind.PRODUCER)
    juicer = OrganisationFactory(kind=OrganisationKind.PROCESSOR)

    def agreed(year: int):  # type: ignore[no-untyped-def]
        return MatchFactory(
            offer__organisation=farm,
            request__organisation=juicer,
            status=MatchStatus.AGREED,
            agreement_kind="business_order",
            agreed_at=datetime(year, 10, 1, tzinfo=UTC),
        )

    agreed(2025)
    agreed(2026)
    agreed(2026)

    rows = collaboration_list()
    this_year = collaboration_list(year=2026)

    assert [(r.year, r.agreements, r.is_new) for r in rows] == [(2025, 1, True), (2026, 2, False)]
    assert this_year[0].relation == "producer-processor"
    assert collaboration_list(year=2024) == []
