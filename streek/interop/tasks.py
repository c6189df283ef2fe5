"""Background work of interop (django-tasks): sending one webhook delivery."""

from django_tasks import task


@task()
def webhook_delivery_send_task(delivery_id: int, manual: bool = False) -> str:
    """One attempt at a due delivery (`manual`: asked for by a user, also to a paused webhook); the outcome
    (and the next attempt) is on the delivery row."""
    from .services.webhooks import webhook_delivery_attempt

    delivery = webhook_delivery_attempt(delivery_id=delivery_id, force=manual)
    return "not due" if delivery is None else str(delivery.status)
