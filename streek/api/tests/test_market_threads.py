"""The market's message threads through the API: between the members of their two organisations only."""

import json
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from streek.accounts.models import User
from streek.accounts.tests.factories import AdminUserFactory, MembershipFactory, issue_api_token
from streek.catalog.models import Organisation
from streek.catalog.tests.factories import OrganisationFactory
from streek.market.choices import MatchStatus
from streek.market.models import Match, Message, Thread
from streek.market.tests.factories import MatchFactory, MessageFactory, OfferFactory, RequestFactory, ThreadFactory

pytestmark = pytest.mark.django_db


def post(client: Client, url: str, body: dict[str, Any], **headers: Any) -> Any:
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def client() -> Client:
    """A client reading the API in English (the messages asserted are the services' own)."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def member_of(organisation: Organisation) -> User:
    return MembershipFactory(organisation=organisation).user


def thread_with_message(**fields: Any) -> Thread:
    """A thread of a match (the request's organisation started it) with one message from its starter."""
    thread = ThreadFactory(**fields)
    message = MessageFactory(thread=thread, organisation=thread.initiator, body="Hebt u nog wortelen?")
    thread.last_message_at = message.created_at
    thread.initiator_read_at = message.created_at
    thread.save()
    return thread


# --- listing ----------------------------------------------------------------------------------------------------------


def test_a_member_lists_the_organisations_threads_latest_message_first_with_unread(client: Client) -> None:
    # given two threads written to a producer; the older one it has read
    older = thread_with_message()
    producer = older.recipient
    newer = thread_with_message(match=MatchFactory(offer=OfferFactory(organisation=producer)))
    now = timezone.now()
    Thread.objects.filter(pk=older.pk).update(last_message_at=now - timedelta(hours=2), recipient_read_at=now)
    Thread.objects.filter(pk=newer.pk).update(last_message_at=now - timedelta(hours=1))
    ThreadFactory()  # another organisation's
    client.force_login(member_of(producer))

    # when
    first = client.get(f"/api/v1/market/organisations/{producer.pk}/threads?limit=1&count=true")
    second = client.get(first.json()["next"])

    # then
    assert first.status_code == 200
    assert first.json()["count"] == 2
    [item] = first.json()["items"]
    assert (item["id"], item["unread"]) == (newer.pk, True)
    assert item["recipient"]["id"] == producer.pk
    assert item["match_id"] == newer.match_id
    assert item["url"].endswith(f"/api/v1/market/threads/{newer.pk}")
    assert [(i["id"], i["unread"]) for i in second.json()["items"]] == [(older.pk, False)]
    assert second.json()["next"] is None


def test_threads_are_refused_to_anonymous_callers_outsiders_and_platform_admins(client: Client) -> None:
    # given
    thread = thread_with_message()
    url = f"/api/v1/market/organisations/{thread.recipient_id}/threads"

    # when
    anonymous = client.get(url)
    client.force_login(MembershipFactory().user)
    outsider = client.get(url)
    client.force_login(AdminUserFactory())
    admin = client.get(url)

    # then
    assert anonymous.status_code == 401
    assert (outsider.status_code, admin.status_code) == (404, 404)
    assert outsider["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("n", [2, 10])
def test_the_thread_list_costs_the_same_queries_for_2_or_10_threads(
    client: Client, django_assert_max_num_queries: Any, n: int
) -> None:
    # given
    producer = OrganisationFactory()
    for _ in range(n):
        thread_with_message(match=MatchFactory(offer=OfferFactory(organisation=producer)))
    client.force_login(member_of(producer))

    # when: session, user, memberships (twice), the organisation, the page of threads
    with django_assert_max_num_queries(6):
        response = client.get(f"/api/v1/market/organisations/{producer.pk}/threads")

    # then
    assert len(response.json()["items"]) == n


# --- one thread -------------------------------------------------------------------------------------------------------


def test_a_party_reads_a_thread_and_it_is_marked_read_only_when_asked(client: Client) -> None:
    # given
    thread = thread_with_message()
    client.force_login(member_of(thread.recipient))
    url = f"/api/v1/market/threads/{thread.pk}"

    # when
    plain = client.get(url)
    thread.refresh_from_db()
    unread_after_plain_get = thread.recipient_read_at is None
    marked = client.get(f"{url}?mark_read=true")

    # then
    assert plain.status_code == 200
    body = plain.json()
    assert body["subject"] == thread.subject
    assert [(m["organisation"]["id"], m["body"]) for m in body["messages"]] == [
        (thread.initiator_id, "Hebt u nog wortelen?")
    ]
    assert unread_after_plain_get
    assert marked.status_code == 200
    thread.refresh_from_db()
    assert thread.recipient_read_at is not None


def test_a_thread_is_hidden_from_outsiders_and_marking_it_read_needs_the_write_scope(client: Client) -> None:
    # given
    thread = thread_with_message()
    _row, reader = issue_api_token(organisation=thread.recipient, scopes=["market:read"])
    _row, other = issue_api_token(scopes=["market:write"])
    url = f"/api/v1/market/threads/{thread.pk}"

    # when
    read = client.get(url, HTTP_AUTHORIZATION=f"Bearer {reader}")
    mark = client.get(f"{url}?mark_read=true", HTTP_AUTHORIZATION=f"Bearer {reader}")
    outsider = client.get(url, HTTP_AUTHORIZATION=f"Bearer {other}")

    # then
    assert read.status_code == 200
    assert mark.status_code == 403
    assert "market:write" in mark.json()["detail"]
    assert outsider.status_code == 404
    thread.refresh_from_db()
    assert thread.recipient_read_at is None


# --- writing ----------------------------------------------------------------------------------------------------------


def test_a_party_sends_a_message_in_a_thread(client: Client) -> None:
    # given
    thread = thread_with_message()
    client.force_login(member_of(thread.recipient))

    # when
    response = post(
        client,
        f"/api/v1/market/threads/{thread.pk}/messages",
        {"organisation": thread.recipient_id, "body": "Ja, 50 kg."},
    )

    # then
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["thread_id"], body["organisation"]["id"], body["body"]) == (
        thread.pk,
        thread.recipient_id,
        "Ja, 50 kg.",
    )
    assert Message.objects.filter(thread=thread).count() == 2
    thread.refresh_from_db()
    assert thread.recipient_read_at is not None


def test_a_message_is_refused_to_outsiders_to_read_tokens_and_for_a_bad_body(client: Client) -> None:
    # given
    thread = thread_with_message()
    url = f"/api/v1/market/threads/{thread.pk}/messages"
    stranger = OrganisationFactory()
    outsider = member_of(stranger)
    _row, reader = issue_api_token(organisation=thread.recipient, scopes=["market:read"])
    party = member_of(thread.recipient)
    MembershipFactory(user=party, organisation=stranger)

    # when
    client.force_login(outsider)
    refused_outsider = post(client, url, {"organisation": stranger.pk, "body": "Hallo"})
    client.logout()
    refused_token = post(
        client, url, {"organisation": thread.recipient_id, "body": "Hallo"}, HTTP_AUTHORIZATION=f"Bearer {reader}"
    )
    client.force_login(party)
    empty = post(client, url, {"organisation": thread.recipient_id, "body": "   "})
    missing = post(client, url, {"organisation": thread.recipient_id})
    not_a_party = post(client, url, {"organisation": stranger.pk, "body": "Hallo"})

    # then
    assert refused_outsider.status_code == 404
    assert refused_token.status_code == 403
    assert (empty.status_code, empty.json()["errors"]) == (422, {"body": "Write a message."})
    assert missing.status_code == 422
    assert "body" in missing.json()["errors"]
    assert not_a_party.status_code == 422
    assert "organisation" in not_a_party.json()["errors"]
    assert Message.objects.filter(thread=thread).count() == 1


def test_a_party_writes_from_a_match_and_the_thread_is_reused(client: Client) -> None:
    # given
    match = MatchFactory()
    buyer = match.request.organisation
    client.force_login(member_of(buyer))
    url = f"/api/v1/market/matches/{match.pk}/messages"

    # when
    first = post(client, url, {"organisation": buyer.pk, "body": "Kunt u leveren?"})
    second = post(client, url, {"organisation": buyer.pk, "body": "En volgende week?"})

    # then
    assert (first.status_code, second.status_code) == (201, 201)
    thread = Thread.objects.get(match=match)
    assert first.json()["thread_id"] == second.json()["thread_id"] == thread.pk
    assert (thread.initiator_id, thread.recipient_id) == (buyer.pk, match.offer.organisation_id)
    assert Match.objects.get(pk=match.pk).status == MatchStatus.CONTACTED


def test_writing_from_a_match_is_refused_to_outsiders_and_for_a_non_party_organisation(client: Client) -> None:
    # given
    match = MatchFactory()
    url = f"/api/v1/market/matches/{match.pk}/messages"
    stranger = OrganisationFactory()
    party = member_of(match.offer.organisation)
    MembershipFactory(user=party, organisation=stranger)

    # when
    client.force_login(member_of(stranger))
    outsider = post(client, url, {"organisation": stranger.pk, "body": "Hallo"})
    client.force_login(AdminUserFactory())
    admin = post(client, url, {"organisation": match.offer.organisation_id, "body": "Hallo"})
    client.force_login(party)
    wrong_side = post(client, url, {"organisation": stranger.pk, "body": "Hallo"})

    # then
    assert outsider.status_code == 404
    assert admin.status_code == 403
    assert wrong_side.status_code == 422
    assert wrong_side.json()["errors"] == {"organisation": "This organisation is not a party of the match."}
    assert not Thread.objects.exists()


def test_an_organisation_writes_to_the_organisations_of_an_offer_and_a_request(client: Client) -> None:
    # given
    writer = OrganisationFactory()
    offer, request = OfferFactory(), RequestFactory()
    _row, token = issue_api_token(organisation=writer, scopes=["market:write"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    # when
    to_offer = post(
        client, f"/api/v1/market/offers/{offer.pk}/messages", {"organisation": writer.pk, "body": "A"}, **auth
    )
    to_request = post(
        client, f"/api/v1/market/requests/{request.pk}/messages", {"organisation": writer.pk, "body": "B"}, **auth
    )

    # then
    assert (to_offer.status_code, to_request.status_code) == (201, 201), to_offer.content
    offer_thread = Thread.objects.get(pk=to_offer.json()["thread_id"])
    assert (offer_thread.offer_id, offer_thread.initiator_id, offer_thread.recipient_id) == (
        offer.pk,
        writer.pk,
        offer.organisation_id,
    )
    assert Thread.objects.get(pk=to_request.json()["thread_id"]).request_id == request.pk


def test_writing_to_a_post_is_refused_for_another_organisation_and_for_your_own_post(client: Client) -> None:
    # given
    offer = OfferFactory()
    _row, read_only = issue_api_token(organisation=OrganisationFactory(), scopes=["market:read"])
    client.force_login(member_of(offer.organisation))
    url = f"/api/v1/market/offers/{offer.pk}/messages"

    # when
    not_mine = post(client, url, {"organisation": OrganisationFactory().pk, "body": "Hallo"})
    own_post = post(client, url, {"organisation": offer.organisation_id, "body": "Hallo"})
    bad_id = post(client, url, {"organisation": 0, "body": "Hallo"})
    client.logout()
    token = post(client, url, {"organisation": 1, "body": "Hallo"}, HTTP_AUTHORIZATION=f"Bearer {read_only}")

    # then
    assert not_mine.status_code == 404
    assert own_post.status_code == 422
    assert own_post.json()["errors"] == {"organisation": "This is your own post."}
    assert bad_id.status_code == 422
    assert "organisation" in bad_id.json()["errors"]
    assert token.status_code == 403
    assert not Thread.objects.exists()
