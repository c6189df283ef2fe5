import pytest

from streek.catalog.tests.factories import OrganisationFactory
from streek.market.exceptions import WrongOrganisationKind
from streek.market.models import Message
from streek.market.services.threads import message_send, thread_mark_read
from streek.market.tests.factories import ThreadFactory, member

pytestmark = pytest.mark.django_db


def test_the_other_party_answers_and_the_thread_is_unread_for_the_first() -> None:
    thread = ThreadFactory(initiator_read_at=None, recipient_read_at=None)
    producer = thread.recipient

    message = message_send(thread=thread, organisation=producer, actor=member(producer), body="Ja, 50 kg.")

    thread.refresh_from_db()
    assert message.organisation == producer
    assert thread.last_message_at == message.created_at
    assert thread.recipient_read_at == message.created_at
    assert thread.initiator_read_at is None


def test_an_outsider_cannot_send_in_a_thread() -> None:
    thread = ThreadFactory()
    outsider = OrganisationFactory()

    with pytest.raises(WrongOrganisationKind):
        message_send(thread=thread, organisation=outsider, actor=member(outsider), body="Ik ook")

    assert Message.objects.count() == 0


def test_marking_read() -> None:
    thread = ThreadFactory(initiator_read_at=None)

    thread_mark_read(thread=thread, organisation=thread.initiator)

    thread.refresh_from_db()
    assert thread.initiator_read_at is not None
