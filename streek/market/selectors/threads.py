"""Reads of message threads: an organisation's threads with their unread state, a thread's messages."""

from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When

from ..models import Message, Thread


def _unread_q(organisation_id: int) -> Q:
    """A message came after the organisation's side last read the thread."""
    as_initiator = Q(initiator_id=organisation_id) & (
        Q(initiator_read_at__isnull=True) | Q(last_message_at__gt=F("initiator_read_at"))
    )
    as_recipient = Q(recipient_id=organisation_id) & (
        Q(recipient_read_at__isnull=True) | Q(last_message_at__gt=F("recipient_read_at"))
    )
    return Q(last_message_at__isnull=False) & (as_initiator | as_recipient)


def thread_list_for_organisation(*, organisation_id: int) -> QuerySet[Thread]:
    """The organisation's threads, latest message first, annotated with `unread` (a message since its last read)."""
    unread = Case(When(_unread_q(organisation_id), then=Value(True)), default=Value(False), output_field=BooleanField())
    return (
        Thread.objects.filter(Q(initiator_id=organisation_id) | Q(recipient_id=organisation_id))
        .select_related("initiator", "recipient", "offer", "request", "match")
        .annotate(unread=unread)
        .order_by(F("last_message_at").desc(nulls_last=True), "-id")
    )


def thread_unread_count(*, organisation_id: int) -> int:
    parties = Q(initiator_id=organisation_id) | Q(recipient_id=organisation_id)
    return Thread.objects.filter(parties & _unread_q(organisation_id)).count()


def thread_messages(*, thread: Thread) -> QuerySet[Message]:
    return Message.objects.filter(thread=thread).select_related("organisation", "author").order_by("created_at", "id")
