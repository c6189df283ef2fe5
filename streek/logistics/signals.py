"""Domain events of the logistics app, sent inside the transaction that made the change (see orders/signals.py)."""

from django.dispatch import Signal

# route_id: the last stop of a route was marked done: the round was driven.
route_completed = Signal()
