"""Background work of the market (django-tasks): mail about a new message in a thread."""

from django_tasks import task


@task()
def thread_message_notify_task(message_id: int) -> int:
    """Mail the other side of a thread about a message (once per unread stretch)."""
    from .notifications import thread_message_notify

    return thread_message_notify(message_id=message_id)
