"""Guards of the DFC export: who may read an order as DFC.

The buyer (user or buying organisation), the hub's members and platform admins see the whole order; the members of
a producer with lines in it see those lines only; anyone else gets 404.
"""

from streek.accounts.selectors import Actor, organisation_ids
from streek.core.exceptions import NotFound
from streek.orders.access import can_see_order
from streek.orders.models import Order, ProducerOrder


def access_dfc_order(*, actor: Actor, hub_id: int, order_id: int) -> tuple[Order, list[int] | None]:
    """The order sold by hub `hub_id`, and None (all lines) or the producer ids whose lines the actor may see."""
    order = Order.objects.filter(pk=order_id, hub_id=hub_id).first()
    if order is None:
        raise NotFound("order")
    if can_see_order(actor=actor, order=order):
        return order, None
    mine = organisation_ids(actor=actor)
    producers = sorted(set(ProducerOrder.objects.filter(order=order).values_list("producer_id", flat=True)) & mine)
    if not producers:
        raise NotFound("order")
    return order, producers
