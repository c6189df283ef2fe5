"""What every hub page shares: the guards that open a hub's back office, and service refusals shown on a form.

The back office of a cycle, order, invoice or channel is for the hub's members only: the object's own guard
(from streek/orders/access.py) runs first, then access_hub, so a member of another hub gets a 404 even for a
published cycle that the public may see in the shop, and a staff member a 403 when it tries to change the set-up.
"""

from django import forms
from django.http import HttpRequest

from streek.catalog.models import Organisation
from streek.core.exceptions import ApplicationError, NotFound, PermissionRefused
from streek.orders.access import (
    access_channel_terms,
    access_cycle,
    access_hub,
    access_invoice,
    access_order,
)
from streek.orders.models import ChannelTerms, Invoice, Order, OrderCycle


def hub_get(request: HttpRequest, hub_id: int, *, for_write: bool = False) -> Organisation:
    return access_hub(actor=request.user, hub_id=hub_id, for_write=for_write)


def hub_cycle_get(request: HttpRequest, cycle_id: int, *, for_write: bool = False) -> OrderCycle:
    """A cycle in its hub's back office: the hub's members read, its owners and managers write."""
    cycle = access_cycle(actor=request.user, cycle_id=cycle_id)
    access_hub(actor=request.user, hub_id=cycle.hub_id, for_write=for_write)
    return cycle


def hub_order_get(request: HttpRequest, order_id: int, *, for_write: bool = False) -> Order:
    """An order as the hub sees it (its buyer has its own pages in the shop)."""
    order = access_order(actor=request.user, order_id=order_id)
    access_hub(actor=request.user, hub_id=order.hub_id, for_write=for_write)
    return order


def hub_invoice_get(request: HttpRequest, invoice_id: int, *, for_write: bool = False) -> Invoice:
    """An invoice as its issuing hub sees it."""
    invoice = access_invoice(actor=request.user, invoice_id=invoice_id)
    access_hub(actor=request.user, hub_id=invoice.issuer_id, for_write=for_write)
    return invoice


def hub_terms_get(request: HttpRequest, terms_id: int, *, for_write: bool = False) -> ChannelTerms:
    """A channel's terms in its hub's back office."""
    terms = access_channel_terms(actor=request.user, terms_id=terms_id)
    access_hub(actor=request.user, hub_id=terms.hub_id, for_write=for_write)
    return terms


def show_service_error(
    form: forms.BaseForm, error: ApplicationError, *, field_map: dict[str, str] | None = None
) -> None:
    """Put a service's refusal on the field it names (extra["field"]), else on top of the form.

    Guard refusals (NotFound, PermissionRefused) are not form errors: they are raised again for refusals_as_http.
    """
    if isinstance(error, NotFound | PermissionRefused):
        raise error
    name = str(error.extra.get("field") or "")
    target = (field_map or {}).get(name, name)
    form.add_error(target if target in form.fields else None, error.message)


def refusal_message(error: ApplicationError) -> str:
    """A service's refusal of an action without a form, for a message on the page; guard refusals are raised again."""
    if isinstance(error, NotFound | PermissionRefused):
        raise error
    return error.message
