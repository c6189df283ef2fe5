import pytest
from django.core.exceptions import ValidationError

from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import MatchStatus
from streek.market.exceptions import WrongOrganisationKind
from streek.market.models import Thread
from streek.market.services.threads import thread_start_from_match, thread_start_from_post
from streek.market.tests.factories import MatchFactory, OfferFactory, member

pytestmark = pytest.mark.django_db


def test_the_buyer_writes_to_the_producer_and_the_match_becomes_contacted() -> None:
    # given
    match = MatchFactory()
    buyer = match.request.organisation

    # when
    thread = thread_start_from_match(match=match, organisation=buyer, actor=member(buyer), body="Interesse!")
    again = thread_start_from_match(match=match, organisation=buyer, actor=member(buyer), body="Nog iets.")

    # then
    match.refresh_from_db()
    assert match.status == MatchStatus.CONTACTED
    assert thread.pk == again.pk
    assert (thread.initiator, thread.recipient) == (buyer, match.offer.organisation)
    assert list(thread.messages.values_list("body", flat=True)) == ["Interesse!", "Nog iets."]
    assert thread.initiator_read_at == thread.last_message_at


def test_an_outsider_cannot_write_about_a_match() -> None:
    match = MatchFactory()
    outsider = OrganisationFactory()

    with pytest.raises(WrongOrganisationKind):
        thread_start_from_match(match=match, organisation=outsider, actor=member(outsider), body="Hallo")

    assert Thread.objects.count() == 0


def test_an_empty_message_is_refused() -> None:
    match = MatchFactory()
    buyer = match.request.organisation

    with pytest.raises(ValidationError):
        thread_start_from_match(match=match, organisation=buyer, actor=member(buyer), body="   ")

    assert Thread.objects.count() == 0


def test_writing_from_the_board_about_an_offer() -> None:
    offer = OfferFactory()
    kitchen = OrganisationFactory()

    thread = thread_start_from_post(post=offer, organisation=kitchen, actor=member(kitchen), body="Nog wortelen?")

    assert (thread.offer, thread.recipient, thread.match) == (offer, offer.organisation, None)


def test_nobody_writes_to_its_own_post() -> None:
    offer = OfferFactory()

    with pytest.raises(ValidationError):
        thread_start_from_post(post=offer, organisation=offer.organisation, actor=member(offer.organisation), body="x")
