"""Writes on message threads: start one from a match or a post, send a message, mark a thread read."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from streek.accounts.models import User
from streek.catalog.models import Organisation

from ..exceptions import WrongOrganisationKind
from ..models import Match, Message, Offer, Request, Thread
from ..tasks import thread_message_notify_task
from .matches import match_mark_contacted

MAX_BODY = 5000


def _clean_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a message.")})
    if len(body) > MAX_BODY:
        raise ValidationError({"body": _("A message has at most %(count)d characters.") % {"count": MAX_BODY}})
    return body


def _add_message(thread: Thread, *, organisation: Organisation, actor: User, body: str) -> Message:
    message = Message(thread=thread, organisation=organisation, author=actor, body=_clean_body(body))
    message.full_clean()
    message.save()
    thread.last_message_at = message.created_at
    if organisation.pk == thread.initiator_id:
        thread.initiator_read_at = message.created_at
    else:
        thread.recipient_read_at = message.created_at
    thread.save(update_fields=["last_message_at", "initiator_read_at", "recipient_read_at", "updated_at"])
    message_id = message.pk
    transaction.on_commit(lambda: thread_message_notify_task.enqueue(message_id=message_id))
    return message


@transaction.atomic
def thread_start_from_match(*, match: Match, organisation: Organisation, actor: User, body: str) -> Thread:
    """Write to the other party of a match (`organisation` is the writer's side). The match's thread is reused
    when it exists; the match becomes 'contacted'."""
    parties = {match.offer.organisation_id, match.request.organisation_id}
    if organisation.pk not in parties:
        raise WrongOrganisationKind(_("This organisation is not a party of the match."))
    thread = Thread.objects.select_for_update().filter(match=match).first()
    if thread is None:
        other = (
            match.request.organisation if organisation.pk == match.offer.organisation_id else match.offer.organisation
        )
        thread = Thread(
            match=match,
            offer=match.offer,
            request=match.request,
            initiator=organisation,
            recipient=other,
            subject=match.offer.title[:200],
        )
        thread.full_clean()
        thread.save()
    _add_message(thread, organisation=organisation, actor=actor, body=body)
    match_mark_contacted(match=match)
    return thread


@transaction.atomic
def thread_start_from_post(*, post: Offer | Request, organisation: Organisation, actor: User, body: str) -> Thread:
    """Write to the organisation of an offer or a request from the board (one thread per post and writer)."""
    if organisation.pk == post.organisation_id:
        raise ValidationError(_("This is your own post."))
    lookup: dict[str, Offer | Request] = {"offer": post} if isinstance(post, Offer) else {"request": post}
    thread = Thread.objects.select_for_update().filter(match=None, initiator=organisation, **lookup).first()
    if thread is None:
        thread = Thread(initiator=organisation, recipient=post.organisation, subject=post.title[:200], **lookup)
        thread.full_clean()
        thread.save()
    _add_message(thread, organisation=organisation, actor=actor, body=body)
    return thread


@transaction.atomic
def message_send(*, thread: Thread, organisation: Organisation, actor: User, body: str) -> Message:
    """Send a message in a thread for one of its two organisations."""
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if organisation.pk not in thread.party_ids():
        raise WrongOrganisationKind(_("This organisation is not a party of the thread."))
    return _add_message(thread, organisation=organisation, actor=actor, body=body)


@transaction.atomic
def thread_mark_read(*, thread: Thread, organisation: Organisation) -> Thread:
    """The organisation's side has read the thread up to now."""
    now = timezone.now()
    if organisation.pk == thread.initiator_id:
        Thread.objects.filter(pk=thread.pk).update(initiator_read_at=now)
        thread.initiator_read_at = now
    elif organisation.pk == thread.recipient_id:
        Thread.objects.filter(pk=thread.pk).update(recipient_read_at=now)
        thread.recipient_read_at = now
    else:
        raise WrongOrganisationKind(_("This organisation is not a party of the thread."))
    return thread
