from datetime import timedelta

import pytest
from django.utils import timezone

from streek.market.choices import PostStatus
from streek.market.models import Match
from streek.market.services.posts import posts_expire
from streek.market.tests.factories import MatchFactory, OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_posts_past_their_expiry_or_period_expire_and_lose_their_new_matches() -> None:
    # given
    overdue = MatchFactory(offer__expires_at=timezone.now() - timedelta(minutes=1))
    past = timezone.localdate() - timedelta(days=1)
    ended = RequestFactory(starts_on=past - timedelta(days=3), ends_on=past)
    fresh = OfferFactory()

    # when
    counts = posts_expire()

    # then
    assert counts == {"offer": 1, "request": 1}
    overdue.offer.refresh_from_db()
    ended.refresh_from_db()
    fresh.refresh_from_db()
    assert (overdue.offer.status, ended.status, fresh.status) == (
        PostStatus.EXPIRED,
        PostStatus.EXPIRED,
        PostStatus.ACTIVE,
    )
    assert Match.objects.count() == 0
