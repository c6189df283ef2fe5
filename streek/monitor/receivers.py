"""Fact appenders listen to the domain events here: each event appends its facts inside the sender's transaction."""

from typing import Any

from django.dispatch import receiver

from streek.logistics.signals import route_completed
from streek.market.signals import donation_received, match_agreed, waste_recorded
from streek.orders.signals import order_delivered

from .services import (
    collaboration_from_match,
    donation_fact_append,
    route_fact_append,
    sale_facts_append,
    waste_fact_append,
)


@receiver(order_delivered, dispatch_uid="monitor_order_delivered")
def on_order_delivered(sender: Any, order_id: int, **kwargs: Any) -> None:
    sale_facts_append(order_id=order_id)


@receiver(donation_received, dispatch_uid="monitor_donation_received")
def on_donation_received(sender: Any, donation_id: int, **kwargs: Any) -> None:
    donation_fact_append(donation_id=donation_id)


@receiver(waste_recorded, dispatch_uid="monitor_waste_recorded")
def on_waste_recorded(sender: Any, waste_record_id: int, **kwargs: Any) -> None:
    waste_fact_append(waste_record_id=waste_record_id)


@receiver(route_completed, dispatch_uid="monitor_route_completed")
def on_route_completed(sender: Any, route_id: int, **kwargs: Any) -> None:
    route_fact_append(route_id=route_id)


@receiver(match_agreed, dispatch_uid="monitor_match_agreed")
def on_match_agreed(sender: Any, match_id: int, **kwargs: Any) -> None:
    collaboration_from_match(match_id=match_id)
