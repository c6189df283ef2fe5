import pytest
from django.urls import reverse

from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import MatchStatus
from streek.market.matching.engine import OFFER, match_post
from streek.market.models import DigestSubscription, Match, Message, Thread
from streek.market.tests.factories import MatchFactory, MessageFactory, OfferFactory, RequestFactory, member

from .helpers import client_for

pytestmark = pytest.mark.django_db


def matched_pair() -> Match:
    offer = OfferFactory(title="Wortelen van het veld")
    RequestFactory(title="Gezocht: wortelen")
    match_post(kind=OFFER, post_id=offer.pk)
    return Match.objects.get()


def test_owner_sees_ranked_matches_explained_per_criterion() -> None:
    # given
    match = matched_pair()
    client = client_for(member(match.offer.organisation))
    # when
    response = client.get(reverse("web:market_offer_matches", args=[match.offer_id]))
    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert "Gezocht: wortelen" in content
    assert "Same product type" in content and "The score per criterion" in content


def test_outsider_cannot_see_the_matches_of_a_post() -> None:
    match = matched_pair()
    response = client_for(member(OrganisationFactory())).get(reverse("web:market_offer_matches", args=[match.offer_id]))
    assert response.status_code == 403


def test_party_dismisses_a_match_and_an_outsider_cannot() -> None:
    # given
    match = MatchFactory()
    outsider = client_for(member(OrganisationFactory()))
    # when
    refused = outsider.post(reverse("web:market_match_dismiss", args=[match.pk]))
    match.refresh_from_db()
    status_after_refusal = match.status
    client_for(member(match.request.organisation)).post(reverse("web:market_match_dismiss", args=[match.pk]))
    match.refresh_from_db()
    # then
    assert refused.status_code == 404 and status_after_refusal == MatchStatus.NEW
    assert match.status == MatchStatus.DISMISSED


def test_party_reopens_a_dismissed_match_from_its_page_and_an_outsider_cannot() -> None:
    # given a match the buyer dismissed
    match = MatchFactory(status=MatchStatus.DISMISSED)
    seller = client_for(member(match.offer.organisation))
    page = seller.get(reverse("web:market_match", args=[match.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("web:market_match_reopen", args=[match.pk]) in page
    # when an outsider tries, then nothing changes
    outsider = client_for(member(OrganisationFactory()))
    assert outsider.post(reverse("web:market_match_reopen", args=[match.pk])).status_code == 404
    match.refresh_from_db()
    assert match.status == MatchStatus.DISMISSED
    # when the seller reopens it
    response = seller.post(reverse("web:market_match_reopen", args=[match.pk]))
    # then it is new again, back on the match page, without the button
    match.refresh_from_db()
    assert match.status == MatchStatus.NEW and match.dismissed_at is None
    assert response["Location"] == reverse("web:market_match", args=[match.pk])
    page = seller.get(reverse("web:market_match", args=[match.pk])).content.decode()
    assert reverse("web:market_match_reopen", args=[match.pk]) not in page


def test_reopening_a_match_that_is_not_dismissed_says_why() -> None:
    match = MatchFactory()
    client = client_for(member(match.request.organisation))

    response = client.post(reverse("web:market_match_reopen", args=[match.pk]), follow=True, HTTP_ACCEPT_LANGUAGE="en")

    match.refresh_from_db()
    assert match.status == MatchStatus.NEW
    assert "Only a dismissed match can be reopened." in response.content.decode()


def test_contact_from_a_match_starts_a_thread() -> None:
    # given
    match = MatchFactory()
    client = client_for(member(match.request.organisation))
    # when
    response = client.post(reverse("web:market_match_contact", args=[match.pk]), {"body": "Hebt u nog wortelen?"})
    # then
    thread = Thread.objects.get()
    match.refresh_from_db()
    assert response.status_code == 302 and response["Location"] == reverse("web:market_thread", args=[thread.pk])
    assert (thread.initiator, thread.recipient) == (match.request.organisation, match.offer.organisation)
    assert match.status == MatchStatus.CONTACTED


def test_contact_from_a_post_page_starts_a_thread() -> None:
    # given
    offer = OfferFactory()
    buyer = OrganisationFactory()
    client = client_for(member(buyer))
    # when
    response = client.post(
        reverse("web:market_offer_contact", args=[offer.pk]), {"organisation": buyer.pk, "body": "Interesse!"}
    )
    # then
    thread = Thread.objects.get()
    assert response.status_code == 302
    assert (thread.initiator, thread.recipient, thread.offer) == (buyer, offer.organisation, offer)


def test_thread_page_shows_messages_and_the_other_party_replies() -> None:
    # given
    message = MessageFactory(body="Hebt u nog wortelen?")
    thread = message.thread
    client = client_for(member(thread.recipient))
    url = reverse("web:market_thread", args=[thread.pk])
    # when
    page = client.get(url)
    reply = client.post(url, {"body": "Ja, 50 kg."})
    empty = client.post(url, {"body": "   "})
    # then
    assert page.status_code == 200 and "Hebt u nog wortelen?" in page.content.decode()
    assert reply.status_code == 302
    assert empty.status_code == 400
    assert list(Message.objects.order_by("id").values_list("body", flat=True)) == ["Hebt u nog wortelen?", "Ja, 50 kg."]


def test_outsider_cannot_read_or_write_a_thread() -> None:
    # given
    message = MessageFactory()
    client = client_for(member(OrganisationFactory()))
    url = reverse("web:market_thread", args=[message.thread_id])
    # when
    read = client.get(url)
    write = client.post(url, {"body": "Hallo"})
    # then
    assert (read.status_code, write.status_code) == (404, 404)
    assert Message.objects.count() == 1


def test_my_market_lists_posts_matches_and_threads() -> None:
    # given
    match = MatchFactory()
    MessageFactory(thread__match=match, thread__subject="Over wortelen")
    client = client_for(member(match.offer.organisation))
    # when
    response = client.get(reverse("web:market_mine"))
    # then
    content = response.content.decode()
    assert response.status_code == 200
    assert match.offer.title in content and match.request.title in content and "Over wortelen" in content


def test_member_toggles_the_digest_and_an_outsider_cannot() -> None:
    # given
    organisation = OrganisationFactory()
    user = member(organisation)
    client = client_for(user)
    url = reverse("web:market_digest", args=[organisation.pk])
    # when
    client.post(url, {"subscribe": "1"})
    subscribed = DigestSubscription.objects.get(user=user).is_active
    client.post(url, {"subscribe": "0"})
    refused = client_for(member(OrganisationFactory())).post(url, {"subscribe": "1"})
    # then
    assert subscribed is True
    assert DigestSubscription.objects.get(user=user).is_active is False
    assert refused.status_code == 404 and DigestSubscription.objects.count() == 1
