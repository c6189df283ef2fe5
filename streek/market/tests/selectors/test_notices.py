from typing import Any

import pytest
from django.utils import timezone

from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import MatchStatus, PostStatus
from streek.market.selectors.matches import match_count_new
from streek.market.selectors.notices import MarketNotice, market_notices
from streek.market.selectors.threads import thread_unread_count
from streek.market.services.threads import message_send
from streek.market.tests.factories import MatchFactory, OfferFactory, ThreadFactory, member

pytestmark = pytest.mark.django_db


def test_notices_count_what_the_single_counts_count_for_every_organisation_at_once(
    django_assert_num_queries: Any,
) -> None:
    # given a farm with two new matches (one on a withdrawn offer, which does not count), one dismissed, and a
    # thread the buyer wrote in; the buyer with one of those matches
    farm = OrganisationFactory()
    offer = OfferFactory(organisation=farm)
    first = MatchFactory(offer=offer)
    MatchFactory(offer=offer)
    MatchFactory(offer=offer, status=MatchStatus.DISMISSED)
    MatchFactory(offer=OfferFactory(organisation=farm, status=PostStatus.WITHDRAWN))
    buyer = first.request.organisation
    thread = ThreadFactory(initiator=buyer, recipient=farm, initiator_read_at=timezone.now(), recipient_read_at=None)
    message_send(thread=thread, organisation=buyer, actor=member(buyer), body="Hebt u nog prei?")
    quiet = OrganisationFactory()
    ids = [farm.pk, buyer.pk, quiet.pk]

    # when
    with django_assert_num_queries(4):
        notices = market_notices(organisation_ids=ids)

    # then the same figures as the per-organisation counts
    for pk in ids:
        single = MarketNotice(
            new_matches=match_count_new(organisation_id=pk), unread_threads=thread_unread_count(organisation_id=pk)
        )
        assert notices[pk] == single
    assert notices[farm.pk] == MarketNotice(new_matches=2, unread_threads=1)
    assert notices[buyer.pk] == MarketNotice(new_matches=1, unread_threads=0)
    assert not notices[quiet.pk]


def test_no_organisation_no_query(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert market_notices(organisation_ids=[]) == {}
