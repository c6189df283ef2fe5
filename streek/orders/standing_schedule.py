"""Which cycles a standing order or subscription box falls on: pure date arithmetic, shared by services and selectors.

A standing order repeats every `interval_weeks` weeks counted from the week of `starts_on`: a cycle whose
fulfilment day lies in such a week gets an order, unless the standing order has ended, is cancelled, or
is paused and the day falls before `paused_until`.
"""

from datetime import date

from .choices import StandingOrderStatus
from .models import StandingOrder


def standing_order_falls_on(*, standing_order: StandingOrder, fulfilment_date: date) -> bool:
    if standing_order.status == StandingOrderStatus.CANCELLED:
        return False
    if fulfilment_date < standing_order.starts_on:
        return False
    if standing_order.ends_on is not None and fulfilment_date > standing_order.ends_on:
        return False
    if standing_order.paused_until is not None and fulfilment_date < standing_order.paused_until:
        return False
    if standing_order.status == StandingOrderStatus.PAUSED and standing_order.paused_until is None:
        return False
    weeks = (fulfilment_date - standing_order.starts_on).days // 7
    return weeks % standing_order.interval_weeks == 0
