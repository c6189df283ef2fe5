"""Domain events of the orders app, sent inside the transaction that made the change.

Apps above orders (the monitor, interop's webhooks) listen to them; orders never imports its listeners.
A listener that talks to the outside world defers that work with `transaction.on_commit`.
Every signal is sent with `sender` the model class and the ids as keyword arguments.
"""

from django.dispatch import Signal

# order_id: an order was placed (checkout or a standing order).
order_placed = Signal()
# order_id: an order was delivered or collected; its lines are sales from now on.
order_delivered = Signal()
# cycle_id: a cycle was published and takes orders.
order_cycle_opened = Signal()
# cycle_id: a cycle was closed (orders confirmed, invoices issued).
order_cycle_closed = Signal()
