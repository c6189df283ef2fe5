"""Email about market threads: the other party hears of a message when its side has nothing unread yet.

A thread that goes back and forth mails each side once per unread stretch, not once per message: when the
recipient's side has not read the thread since an earlier message of the writer, that message's email already
told them. Sent in each recipient's language to the owners and managers of the receiving organisation (or to the
organisation's own address); a failing mail server is logged, never raised (the message is stored either way).
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from streek.catalog.recipients import organisation_recipients
from streek.core.public_url import public_url

from .models import Message

logger = logging.getLogger(__name__)
EXCERPT = 500


def thread_message_notify(*, message_id: int) -> int:
    """Mail the other side of the message's thread, unless an earlier message already did; returns mails sent."""
    message = Message.objects.select_related("thread__initiator", "thread__recipient", "organisation").get(
        pk=message_id
    )
    thread = message.thread
    writer = message.organisation
    receiver, read_at = (
        (thread.recipient, thread.recipient_read_at)
        if writer.pk == thread.initiator_id
        else (thread.initiator, thread.initiator_read_at)
    )
    earlier_unread = Message.objects.filter(thread=thread, organisation=writer, pk__lt=message.pk)
    if read_at is not None:
        earlier_unread = earlier_unread.filter(created_at__gt=read_at)
    if earlier_unread.exists():
        return 0
    body = message.body if len(message.body) <= EXCERPT else message.body[:EXCERPT].rstrip() + " …"
    url = public_url("web:market_thread", thread.pk)
    mails = []
    for recipient in organisation_recipients(organisation_ids=[receiver.pk]).get(receiver.pk, []):
        with translation.override(recipient.language):
            context = {
                "site": settings.STREEK_SITE_NAME,
                "recipient": recipient,
                "writer": writer.name,
                "receiver": receiver.name,
                "subject": thread.subject,
                "body": body,
                "url": url,
            }
            subject = render_to_string("market/email/message_subject.txt", context).strip()
            text = render_to_string("market/email/message.txt", context).strip() + "\n"
        mails.append(EmailMessage(subject, text, to=[recipient.email]))
    if not mails:
        return 0
    try:
        with get_connection() as connection:  # one connection for all recipients
            return int(connection.send_messages(mails) or 0)
    except Exception:
        logger.exception("market: mailing message %s to %d recipient(s) failed", message_id, len(mails))
        return 0
