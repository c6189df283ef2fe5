"""Message threads of the market (on the market router, tags "market"): two organisations write about a match, an
offer or a request (docs/match.md). Threads stay between the members of their two organisations: outsiders, and
platform admins who are not members, get 404. Reading needs `market:read`, writing `market:write` (a session, or
a token of one of the two organisations).
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from streek.accounts.models import User
from streek.accounts.scopes import has_scope
from streek.accounts.selectors import organisation_ids
from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused
from streek.market.access import access_acting_organisation, access_match_agreement, access_offer, access_request
from streek.market.access import access_thread as guard_thread
from streek.market.exceptions import WrongOrganisationKind
from streek.market.models import Message, Offer, Request, Thread
from streek.market.selectors.threads import thread_list_for_organisation, thread_messages
from streek.market.services.threads import (
    message_send,
    thread_mark_read,
    thread_start_from_match,
    thread_start_from_post,
)

from .auth import api_auth, request_token
from .errors import values_refused
from .market_render import organisation_out
from .orders import SESSION_ERRORS, signed_in
from .pagination import PageParams, paginate
from .responses import json_response, url_builder
from .schemas.common import Problem
from .schemas.market_threads import MessageIn, MessageOut, ThreadDetailOut, ThreadPage, ThreadParams

router = Router(tags=["market"])

WRITE_SCOPE = "market:write"
WRITE_ERRORS: dict[int, Any] = {**SESSION_ERRORS, 422: Problem}


# --- shared -------------------------------------------------------------------------------------------------------


def wrong_organisation(exc: WrongOrganisationKind, field: str) -> ApplicationError:
    """An organisation the service refuses for this action (not a party, not a food bank...): 422 naming it."""
    return ApplicationError(exc.message, extra={"errors": {field: exc.message}})


def writing_member(user: User, organisation_id: int) -> Organisation:
    """The organisation a member writes or reads threads for: 404 unless the caller is one of its members
    (platform admins included: threads stay between the two parties)."""
    organisation = access_acting_organisation(actor=user, organisation_id=organisation_id)
    if organisation.pk not in organisation_ids(actor=user):
        raise NotFound(_("organisation"))
    return organisation


def caller_side(user: User, thread: Thread) -> Organisation:
    """The caller's organisation in a thread (the starter's when a member of both)."""
    return thread.initiator if thread.initiator_id in organisation_ids(actor=user) else thread.recipient


def thread_out(thread: Thread, url: str) -> dict[str, Any]:
    return {
        "id": thread.pk,
        "subject": thread.subject,
        "initiator": organisation_out(thread.initiator),
        "recipient": organisation_out(thread.recipient),
        "match_id": thread.match_id,
        "offer_id": thread.offer_id,
        "request_id": thread.request_id,
        "last_message_at": thread.last_message_at,
        "url": url,
    }


def message_out(message: Message) -> dict[str, Any]:
    author = message.author
    return {
        "id": message.pk,
        "thread_id": message.thread_id,
        "organisation": organisation_out(message.organisation),
        "author": author.get_full_name() if author is not None else "",
        "body": message.body,
        "created_at": message.created_at,
    }


def last_message_out(thread: Thread) -> dict[str, Any]:
    """The message a service just added to a thread."""
    message = thread_messages(thread=thread).last()
    assert message is not None  # noqa: S101 - just sent
    return message_out(message)


def start_from_post(request: HttpRequest, post: Offer | Request, payload: MessageIn) -> Status[dict[str, Any]]:
    user = signed_in(request)
    organisation = writing_member(user, payload.organisation)
    try:
        thread = thread_start_from_post(post=post, organisation=organisation, actor=user, body=payload.body)
    except ValidationError as exc:
        raise values_refused(exc, "organisation") from exc
    return Status(201, last_message_out(thread))


# --- threads ---------------------------------------------------------------------------------------------------------


@router.get(
    "/market/organisations/{organisation_id}/threads",
    auth=api_auth("market:read"),
    response={200: ThreadPage, 422: Problem, **SESSION_ERRORS},
    url_name="market_organisation_threads",
    summary="An organisation's message threads",
)
def list_threads(request: HttpRequest, organisation_id: int, page: Query[PageParams]) -> HttpResponse:
    """The organisation's threads (its members), the latest message first, each saying whether a message came
    since the organisation last read it (`unread`)."""
    organisation = writing_member(signed_in(request), organisation_id)
    threads = thread_list_for_organisation(organisation_id=organisation.pk).filter(last_message_at__isnull=False)
    result = paginate(request, threads, sort="last_message_at", params=page, descending=True)
    url = url_builder(request, "api-1:market_thread", "thread_id")
    items = [
        {**thread_out(thread, url(thread.pk)), "unread": bool(getattr(thread, "unread", False))}
        for thread in result.items
    ]
    return json_response(ThreadPage, {"items": items, "next": result.next, "count": result.count})


@router.get(
    "/market/threads/{thread_id}",
    auth=api_auth("market:read"),
    response={200: ThreadDetailOut, 422: Problem, **SESSION_ERRORS},
    url_name="market_thread",
    summary="A message thread with its messages",
)
def get_thread(request: HttpRequest, thread_id: int, params: Query[ThreadParams]) -> dict[str, Any]:
    """A thread and its messages, oldest first (members of its two organisations). Reading changes nothing,
    unless `mark_read=true` marks it read for your organisation in it (a token then needs `market:write`)."""
    user = signed_in(request)
    thread = guard_thread(actor=user, thread_id=thread_id, for_write=params.mark_read)
    if params.mark_read:
        token = request_token(request)
        if token is not None and not has_scope(list(token.scopes), WRITE_SCOPE):
            raise PermissionRefused(_("This API token does not have the scope %(scope)s.") % {"scope": WRITE_SCOPE})
        thread_mark_read(thread=thread, organisation=caller_side(user, thread))
    url = request.build_absolute_uri(request.path)
    messages = [message_out(message) for message in thread_messages(thread=thread)]
    return {**thread_out(thread, url), "messages": messages}


@router.post(
    "/market/threads/{thread_id}/messages",
    auth=api_auth(WRITE_SCOPE),
    response={201: MessageOut, **WRITE_ERRORS},
    url_name="market_thread_message",
    summary="Send a message in a thread",
)
def send_message(request: HttpRequest, thread_id: int, payload: MessageIn) -> Status[dict[str, Any]]:
    """Write in a thread for your organisation in it (its members); 422 naming `organisation` when that
    organisation is not one of the thread's two, or `body` when the message is empty or too long."""
    user = signed_in(request)
    thread = guard_thread(actor=user, thread_id=thread_id, for_write=True)
    organisation = writing_member(user, payload.organisation)
    try:
        message = message_send(thread=thread, organisation=organisation, actor=user, body=payload.body)
    except WrongOrganisationKind as exc:
        raise wrong_organisation(exc, "organisation") from exc
    except ValidationError as exc:
        raise values_refused(exc, "body") from exc
    return Status(201, message_out(message))


@router.post(
    "/market/matches/{match_id}/messages",
    auth=api_auth(WRITE_SCOPE),
    response={201: MessageOut, **WRITE_ERRORS},
    url_name="market_match_message",
    summary="Write to the other party of a match",
)
def message_match(request: HttpRequest, match_id: int, payload: MessageIn) -> Status[dict[str, Any]]:
    """Start the match's thread, or continue it, for your organisation in the match (a member of the offer's or
    the request's organisation); the match becomes 'contacted'. Others get 404, platform admins who are no
    party 403."""
    user = signed_in(request)
    match = access_match_agreement(actor=user, match_id=match_id)
    organisation = writing_member(user, payload.organisation)
    try:
        thread = thread_start_from_match(match=match, organisation=organisation, actor=user, body=payload.body)
    except WrongOrganisationKind as exc:
        raise wrong_organisation(exc, "organisation") from exc
    except ValidationError as exc:
        raise values_refused(exc, "body") from exc
    return Status(201, last_message_out(thread))


@router.post(
    "/market/offers/{offer_id}/messages",
    auth=api_auth(WRITE_SCOPE),
    response={201: MessageOut, **WRITE_ERRORS},
    url_name="market_offer_message",
    summary="Write to the organisation of an offer",
)
def message_offer(request: HttpRequest, offer_id: int, payload: MessageIn) -> Status[dict[str, Any]]:
    """Write to the organisation of an active offer for one of your organisations: one thread per offer and
    writer, started or continued. 422 naming `organisation` for your own offer."""
    return start_from_post(request, access_offer(actor=signed_in(request), offer_id=offer_id), payload)


@router.post(
    "/market/requests/{request_id}/messages",
    auth=api_auth(WRITE_SCOPE),
    response={201: MessageOut, **WRITE_ERRORS},
    url_name="market_request_message",
    summary="Write to the organisation of a request",
)
def message_request(request: HttpRequest, request_id: int, payload: MessageIn) -> Status[dict[str, Any]]:
    """Write to the organisation of an active request for one of your organisations: one thread per request
    and writer, started or continued. 422 naming `organisation` for your own request."""
    return start_from_post(request, access_request(actor=signed_in(request), request_id=request_id), payload)
