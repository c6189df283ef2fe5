import pytest
from django.utils import timezone

from streek.market.selectors.threads import thread_list_for_organisation, thread_messages, thread_unread_count
from streek.market.services.threads import message_send
from streek.market.tests.factories import ThreadFactory, member

pytestmark = pytest.mark.django_db


def test_threads_show_unread_for_the_side_that_did_not_read_the_last_message() -> None:
    thread = ThreadFactory(initiator_read_at=timezone.now(), recipient_read_at=None)
    message_send(thread=thread, organisation=thread.initiator, actor=member(thread.initiator), body="Hallo")

    buyer_view = thread_list_for_organisation(organisation_id=thread.initiator_id).get()
    farm_view = thread_list_for_organisation(organisation_id=thread.recipient_id).get()

    assert (buyer_view.unread, farm_view.unread) == (False, True)  # type: ignore[attr-defined]
    assert thread_unread_count(organisation_id=thread.recipient_id) == 1
    assert thread_unread_count(organisation_id=thread.initiator_id) == 0
    assert [m.body for m in thread_messages(thread=thread)] == ["Hallo"]
