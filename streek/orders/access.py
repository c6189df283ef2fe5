"""The one door to each protected trade object: guards that return the object or refuse.

Roles: a hub's members see its cycles, orders and totals; its owners and managers change them.
A producer's members see and prepare only their own lines. A buyer sees its own orders: the user who
placed them, and the members of the buying organisation. NotFound (404) when the actor may not know the
object exists, PermissionRefused (403) when it may see it but not do this. One condition per line.
"""

from django.db.models import Q

from streek.accounts.selectors import Actor, is_platform_admin, organisation_ids
from streek.catalog.models import Organisation
from streek.core.exceptions import NotFound, PermissionRefused

from .choices import CycleStatus
from .models import (
    Basket,
    ChannelTerms,
    Invoice,
    Order,
    OrderCycle,
    ProducerOrder,
    StandingOrder,
)


def is_member(*, actor: Actor, organisation_id: int | None) -> bool:
    if organisation_id is None:
        return False
    return is_platform_admin(actor=actor) or organisation_id in organisation_ids(actor=actor)


def is_editor(*, actor: Actor, organisation_id: int | None) -> bool:
    if organisation_id is None:
        return False
    return is_platform_admin(actor=actor) or organisation_id in organisation_ids(actor=actor, editors_only=True)


def access_hub(*, actor: Actor, hub_id: int, for_write: bool = False) -> Organisation:
    """A hub's back office (cycles, channels, orders): its members read, its owners and managers write."""
    hub = Organisation.objects.filter(pk=hub_id).first()
    if hub is None:
        raise NotFound("hub")
    if not is_member(actor=actor, organisation_id=hub.pk):
        raise NotFound("hub")
    if for_write and not is_editor(actor=actor, organisation_id=hub.pk):
        raise PermissionRefused("hub")
    return hub


def access_cycle(*, actor: Actor, cycle_id: int, for_write: bool = False) -> OrderCycle:
    """Published cycles are public (the shop); drafts only for the hub's members; changes for its editors."""
    cycle = OrderCycle.objects.select_related("hub").filter(pk=cycle_id).first()
    if cycle is None:
        raise NotFound("order cycle")
    member = is_member(actor=actor, organisation_id=cycle.hub_id)
    if cycle.status == CycleStatus.DRAFT and not member:
        raise NotFound("order cycle")
    if for_write and not is_editor(actor=actor, organisation_id=cycle.hub_id):
        raise PermissionRefused("order cycle")
    return cycle


def access_producer_in_cycle(*, actor: Actor, cycle_id: int, producer_id: int) -> OrderCycle:
    """A producer's preparation view of a cycle: the producer's members (and admins), if it takes part."""
    cycle = OrderCycle.objects.select_related("hub").filter(pk=cycle_id, producers__producer_id=producer_id).first()
    if cycle is None:
        raise NotFound("order cycle")
    if not is_member(actor=actor, organisation_id=producer_id):
        raise NotFound("order cycle")
    return cycle


def access_channel_terms(*, actor: Actor, terms_id: int, for_write: bool = False) -> ChannelTerms:
    """Channel terms are read by anyone who may buy on them and by the hub; changed by the hub's editors."""
    terms = ChannelTerms.objects.select_related("hub").filter(pk=terms_id).first()
    if terms is None:
        raise NotFound("channel")
    if for_write and not is_editor(actor=actor, organisation_id=terms.hub_id):
        raise PermissionRefused("channel")
    return terms


def access_basket(*, actor: Actor, basket_id: int, session_key: str | None) -> Basket:
    """A basket belongs to its user, or to the guest session that filled it."""
    basket = Basket.objects.select_related("cycle", "terms").filter(pk=basket_id).first()
    if basket is None:
        raise NotFound("basket")
    owner = actor.is_authenticated and basket.user_id == actor.pk
    guest = basket.user_id is None and bool(session_key) and basket.session_key == session_key
    if not (owner or guest):
        raise NotFound("basket")
    return basket


def can_see_order(*, actor: Actor, order: Order) -> bool:
    if is_platform_admin(actor=actor):
        return True
    if actor.is_authenticated and order.buyer_id == actor.pk:
        return True
    mine = organisation_ids(actor=actor)
    return order.hub_id in mine or (order.buyer_organisation_id is not None and order.buyer_organisation_id in mine)


def access_order(*, actor: Actor, order_id: int, for_write: bool = False) -> Order:
    """An order is seen by its buyer (user or organisation members) and the hub; changed by the buyer and hub editors.

    Whether a change is still allowed (cut-off, status) is the service's rule, not the guard's.
    """
    order = Order.objects.select_related("cycle", "hub", "terms").filter(pk=order_id).first()
    if order is None:
        raise NotFound("order")
    if not can_see_order(actor=actor, order=order):
        raise NotFound("order")
    buyer = actor.is_authenticated and order.buyer_id == actor.pk
    buyer_editor = is_editor(actor=actor, organisation_id=order.buyer_organisation_id)
    hub_editor = is_editor(actor=actor, organisation_id=order.hub_id)
    if for_write and not (buyer or buyer_editor or hub_editor):
        raise PermissionRefused("order")
    return order


def access_producer_order(*, actor: Actor, producer_order_id: int, for_write: bool = False) -> ProducerOrder:
    """A producer order is seen by the producer's members and the hub's; prepared by the producer's members."""
    producer_order = (
        ProducerOrder.objects.select_related("order", "cycle", "producer").filter(pk=producer_order_id).first()
    )
    if producer_order is None:
        raise NotFound("producer order")
    producer_member = is_member(actor=actor, organisation_id=producer_order.producer_id)
    hub_member = is_member(actor=actor, organisation_id=producer_order.order.hub_id)
    if not (producer_member or hub_member):
        raise NotFound("producer order")
    if for_write and not producer_member:
        raise PermissionRefused("producer order")
    return producer_order


def access_invoice(*, actor: Actor, invoice_id: int) -> Invoice:
    """An invoice is seen by the issuer's members and by the buyer of its order."""
    invoice = Invoice.objects.select_related("order", "issuer").filter(pk=invoice_id).first()
    if invoice is None:
        raise NotFound("invoice")
    if is_member(actor=actor, organisation_id=invoice.issuer_id):
        return invoice
    if invoice.order is not None and can_see_order(actor=actor, order=invoice.order):
        return invoice
    raise NotFound("invoice")


def access_standing_order(*, actor: Actor, standing_order_id: int, for_write: bool = False) -> StandingOrder:
    """A standing order is seen by its buyer and the hub; changed by the buyer (or its organisation's editors)."""
    standing = StandingOrder.objects.select_related("hub", "terms").filter(pk=standing_order_id).first()
    if standing is None:
        raise NotFound("standing order")
    buyer = actor.is_authenticated and standing.buyer_id == actor.pk
    buyer_member = is_member(actor=actor, organisation_id=standing.buyer_organisation_id)
    hub_member = is_member(actor=actor, organisation_id=standing.hub_id)
    if not (buyer or buyer_member or hub_member):
        raise NotFound("standing order")
    buyer_editor = is_editor(actor=actor, organisation_id=standing.buyer_organisation_id)
    if for_write and not (buyer or buyer_editor):
        raise PermissionRefused("standing order")
    return standing


def organisations_buying_for(*, actor: Actor) -> list[Organisation]:
    """The organisations an actor may place orders for (its editing memberships)."""
    ids = organisation_ids(actor=actor, editors_only=True)
    return list(Organisation.objects.filter(Q(pk__in=ids)).order_by("name"))
