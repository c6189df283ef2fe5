import pytest

from streek.accounts.tests.factories import UserFactory
from streek.market.choices import MatchStatus
from streek.market.exceptions import InvalidTransition
from streek.market.matching.engine import match_post
from streek.market.services.matches import match_dismiss, match_reopen
from streek.market.tests.factories import MatchFactory, OfferFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_a_dismissed_match_stays_dismissed_through_rematching() -> None:
    offer = OfferFactory()
    RequestFactory()
    match_post(kind="offer", post_id=offer.pk)
    match = offer.matches.get()

    match_dismiss(match=match, actor=UserFactory())
    match_post(kind="offer", post_id=offer.pk)

    match.refresh_from_db()
    assert match.status == MatchStatus.DISMISSED


def test_an_agreed_match_cannot_be_dismissed() -> None:
    match = MatchFactory(status=MatchStatus.AGREED, agreement_kind="business_order", agreed_at="2026-01-01T10:00Z")

    with pytest.raises(InvalidTransition):
        match_dismiss(match=match, actor=UserFactory())

    match.refresh_from_db()
    assert match.status == MatchStatus.AGREED


def test_reopening_a_dismissed_match_makes_it_new_again() -> None:
    match = MatchFactory(status=MatchStatus.DISMISSED)

    match_reopen(match=match, actor=UserFactory())

    match.refresh_from_db()
    assert match.status == MatchStatus.NEW
