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


def test_the_other_side_is_mailed_once_per_unread_stretch_in_its_language(
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    from django.core import mail

    from streek.accounts.tests.factories import MembershipFactory, UserFactory

    # given a thread between a school (French-speaking manager, and staff who get no mail) and a farm
    thread = ThreadFactory(initiator_read_at=None, recipient_read_at=None, subject="Prei")
    school, farm = thread.initiator, thread.recipient
    manager = UserFactory(language="fr", email="gestion@example.org")
    MembershipFactory(organisation=school, user=manager, role="manager")
    MembershipFactory(organisation=school, role="staff")
    writer = member(farm)

    # when the farm writes twice before the school reads
    with django_capture_on_commit_callbacks(execute=True):
        message_send(thread=thread, organisation=farm, actor=writer, body="Wij hebben nog 50 kg prei.")
    with django_capture_on_commit_callbacks(execute=True):
        message_send(thread=thread, organisation=farm, actor=writer, body="En ook selder.")

    # then the school's manager got one mail, in French, with the first message and a link to the thread
    assert [m.to for m in mail.outbox] == [["gestion@example.org"]]
    sent = mail.outbox[0]
    assert farm.name in sent.subject and "Prei" in sent.subject
    assert "Wij hebben nog 50 kg prei." in sent.body
    assert f"/markt/gesprek/{thread.pk}/" in sent.body
    assert "Lire la conversation et répondre sur le marché" in sent.body

    # when the school has read the thread, the next message of the farm is mailed again
    thread_mark_read(thread=thread, organisation=school)
    with django_capture_on_commit_callbacks(execute=True):
        message_send(thread=thread, organisation=farm, actor=writer, body="Nog iets?")
    assert len(mail.outbox) == 2
    # and the farm, the writer's side, never got one
    assert all(writer.email not in m.to for m in mail.outbox)
