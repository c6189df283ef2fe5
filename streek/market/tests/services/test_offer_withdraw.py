import pytest

from streek.market.choices import MatchStatus, PostStatus
from streek.market.models import Match
from streek.market.services.posts import offer_withdraw, request_withdraw
from streek.market.tests.factories import MatchFactory

pytestmark = pytest.mark.django_db


def test_withdrawing_an_offer_removes_its_new_matches_and_keeps_the_others() -> None:
    new = MatchFactory()
    contacted = MatchFactory(offer=new.offer, status=MatchStatus.CONTACTED)

    offer_withdraw(offer=new.offer, actor=None)

    new.offer.refresh_from_db()
    assert new.offer.status == PostStatus.WITHDRAWN
    assert list(Match.objects.values_list("pk", flat=True)) == [contacted.pk]


def test_withdrawing_a_request() -> None:
    match = MatchFactory()

    request_withdraw(request=match.request, actor=None)

    match.request.refresh_from_db()
    assert match.request.status == PostStatus.WITHDRAWN
    assert Match.objects.count() == 0
