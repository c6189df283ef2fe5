"""Webhooks listen to the domain events of the apps below: each receiver calls an interop service.

The services create the deliveries inside the sender's transaction and enqueue the sending on commit, so a
rolled-back change sends nothing.
"""

from datetime import datetime
from typing import Any

from django.dispatch import receiver

from streek.market.signals import matches_found
from streek.orders.signals import order_cycle_closed, order_cycle_opened, order_placed

from .services.webhook_events import (
    webhook_cycle_closed,
    webhook_cycle_opened,
    webhook_matches_found,
    webhook_order_placed,
)


@receiver(order_placed, dispatch_uid="interop.webhooks.order_placed")
def on_order_placed(sender: Any, order_id: int, **kwargs: Any) -> None:
    webhook_order_placed(order_id=order_id)


@receiver(order_cycle_opened, dispatch_uid="interop.webhooks.order_cycle_opened")
def on_order_cycle_opened(sender: Any, cycle_id: int, **kwargs: Any) -> None:
    webhook_cycle_opened(cycle_id=cycle_id)


@receiver(order_cycle_closed, dispatch_uid="interop.webhooks.order_cycle_closed")
def on_order_cycle_closed(sender: Any, cycle_id: int, **kwargs: Any) -> None:
    webhook_cycle_closed(cycle_id=cycle_id)


@receiver(matches_found, dispatch_uid="interop.webhooks.matches_found")
def on_matches_found(sender: Any, created_at: datetime, count: int, **kwargs: Any) -> None:
    if count:
        webhook_matches_found(created_at=created_at)
