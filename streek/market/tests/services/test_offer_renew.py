from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from streek.market.choices import PostStatus
from streek.market.models import Match
from streek.market.services.posts import offer_renew, request_renew
from streek.market.tests.factories import OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_an_expired_offer_comes_back_for_another_period_and_is_matched() -> None:
    offer = OfferFactory(status=PostStatus.EXPIRED, expires_at=timezone.now() - timedelta(days=1))
    RequestFactory()

    offer_renew(offer=offer, actor=None)

    offer.refresh_from_db()
    assert offer.status == PostStatus.ACTIVE
    assert offer.expires_at > timezone.now() + timedelta(days=29)
    assert Match.objects.filter(offer=offer).count() == 1


def test_a_post_whose_period_ended_cannot_be_renewed() -> None:
    past = timezone.localdate() - timedelta(days=10)
    request = RequestFactory(status=PostStatus.EXPIRED, starts_on=past - timedelta(days=5), ends_on=past)

    with pytest.raises(ValidationError):
        request_renew(request=request, actor=None)

    request.refresh_from_db()
    assert request.status == PostStatus.EXPIRED


def test_a_withdrawn_offer_cannot_be_renewed() -> None:
    offer = OfferFactory(status=PostStatus.WITHDRAWN)

    with pytest.raises(ValidationError):
        offer_renew(offer=offer, actor=None)

    offer.refresh_from_db()
    assert offer.status == PostStatus.WITHDRAWN
